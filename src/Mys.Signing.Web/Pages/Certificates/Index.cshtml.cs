using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>The user's own certificates (as registered), their expiry status and their notifications.</summary>
[AuthenticatedOnly]
public sealed class IndexModel(MysDbContext db, CurrentUser current, SignerCertificateStatusService statuses, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<SignerCertificate> Certificates { get; private set; } = [];

    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public SignerCertificateStatus Status { get; private set; } = null!;

    public bool IsSigner { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Certificates = await db.SignerCertificates.AsNoTracking().Where(c => c.UserId == current.Id).OrderByDescending(c => c.NotAfter).ToListAsync(ct);
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == current.Id).OrderByDescending(n => n.CreatedAt).Take(50).ToListAsync(ct);
        Status = await statuses.GetAsync(current.Id, ct);
        IsSigner = current.Assignments.Any(a => Domain.Access.RoleFacts.Signs(a.Role));
    }

    public async Task<IActionResult> OnPostReadAsync(Guid notificationId)
    {
        var ct = HttpContext.RequestAborted;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == current.Id, ct);
        if (notification is null)
        {
            logger.LogInformation("Mark-read refused: notification {NotificationId} is not user {UserId}'s", notificationId, current.Id);
            return NotFound();
        }

        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return RedirectToPage();
    }
}
