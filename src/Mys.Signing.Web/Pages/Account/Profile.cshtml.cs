using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

/// <summary>The user's own profile: details, roles, contact fields they may change, and their open sessions (each can be ended).</summary>
[AuthenticatedOnly]
public sealed class ProfileModel(ViewOwnProfile view, CurrentUser current, UpdateOwnProfile update, ListOwnSessions listSessions) : PageModel
{
    [BindProperty]
    [EmailAddress(ErrorMessage = "E-posta adresi geçerli değil.")]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>The row version (xmin) the form was rendered from; a stale form is refused.</summary>
    [BindProperty]
    public uint FormVersion { get; set; }

    public string FullName { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public string Tckn { get; private set; } = string.Empty;

    public DateTimeOffset? PasswordChangedAt { get; private set; }

    public IReadOnlyList<(string Role, string Unit)> Roles { get; private set; } = [];

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(resetForm: true);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(resetForm: false);
            return Page();
        }

        var refusal = await update.RunAsync(current.AsActor(), new ProfileChange(Email, Phone, FormVersion), HttpContext.RequestAborted);
        if (refusal is not null)
        {
            Error = refusal.Message;
            await LoadAsync(resetForm: refusal == UpdateOwnProfile.Stale);
            return Page();
        }

        Message = "Profiliniz güncellendi.";
        await LoadAsync(resetForm: true);
        return Page();
    }

    /// <summary>Ends one of the user's own sessions (this one too, if they choose it: they are then logged out).</summary>
    public async Task<IActionResult> OnPostEndSessionAsync([FromServices] EndOwnSession endSession, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(endSession);
        var refusal = await endSession.RunAsync(current.AsActor(), sessionId, HttpContext.RequestAborted);
        if (refusal is not null)
        {
            Error = refusal.Message;
            await LoadAsync(resetForm: true);
            return Page();
        }

        Message = "Oturum sonlandırıldı.";
        return RedirectToPage();
    }

    private async Task LoadAsync(bool resetForm)
    {
        var ct = HttpContext.RequestAborted;
        var profile = await view.RunAsync(current.AsActor(), ct);
        (FullName, Title, Tckn, PasswordChangedAt, Roles) = (profile.FullName, profile.Title, profile.Tckn, profile.PasswordChangedAt, profile.Roles);
        if (resetForm)
        {
            ModelState.Clear();
            (Email, Phone, FormVersion) = (profile.Email, profile.Phone, profile.FormVersion);
        }

        Sessions = await listSessions.RunAsync(current.AsActor(), current.SessionId, ct);
    }
}
