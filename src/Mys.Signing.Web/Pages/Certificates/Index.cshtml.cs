using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>The user's own certificates (as registered), their expiry status and their notifications.</summary>
[AuthenticatedOnly]
public sealed class IndexModel(ViewOwnCertificates view, MarkNotificationRead markRead, CurrentUser current, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<SignerCertificate> Certificates { get; private set; } = [];

    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public SignerCertificateStatus Status { get; private set; } = null!;

    public bool IsSigner { get; private set; }

    public async Task OnGetAsync()
    {
        var own = await view.RunAsync(current.AsActor(), HttpContext.RequestAborted);
        (Certificates, Notifications, Status, IsSigner) = (own.Certificates, own.Notifications, own.Status, own.IsSigner);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid notificationId)
    {
        if (!await markRead.RunAsync(current.AsActor(), notificationId, HttpContext.RequestAborted))
        {
            logger.LogInformation("Mark-read refused: notification {NotificationId} is not user {UserId}'s", notificationId, current.Id);
            return NotFound();
        }

        return RedirectToPage();
    }
}
