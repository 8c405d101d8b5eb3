using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

/// <summary>The user's own profile: details, roles, contact fields they may change, and their open sessions (each can be ended).</summary>
[AuthenticatedOnly]
public sealed class ProfileModel(MysDbContext db, CurrentUser current, UpdateOwnProfile update, ListOwnSessions listSessions) : PageModel
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
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == current.Id, ct);
        FullName = user.FullName;
        Title = user.Title;
        Tckn = user.Tckn;
        PasswordChangedAt = user.PasswordChangedAt;
        if (resetForm)
        {
            ModelState.Clear();
            Email = user.Email;
            Phone = user.PhoneNumber;
            FormVersion = await db.Users.Where(u => u.Id == user.Id).Select(u => EF.Property<uint>(u, RowVersion.Property)).SingleAsync(ct);
        }

        var spending = await db.SpendingUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var accounting = await db.AccountingUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Roles = current.Assignments
            .Select(a => (a.Role.TurkishName(), a.UnitId is { } id ? spending.GetValueOrDefault(id) ?? accounting.GetValueOrDefault(id) ?? "?" : "Tüm kurum"))
            .ToList();
        Sessions = await listSessions.RunAsync(current.AsActor(), current.SessionId, ct);
    }
}
