using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Account;

/// <summary>The user's own profile: details, roles, and contact fields they may change.</summary>
[AuthenticatedOnly]
public sealed class ProfileModel(MysDbContext db, CurrentUser current, ILogger<ProfileModel> logger) : PageModel
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

    public IReadOnlyList<(string Role, string Unit)> Roles { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(resetForm: true);

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
        {
            await LoadAsync(resetForm: false);
            return Page();
        }

        var user = await db.Users.SingleAsync(u => u.Id == current.Id, ct);
        db.Entry(user).Property<uint>(RowVersion.Property).OriginalValue = FormVersion;
        var result = user.UpdateProfile(user.FullName, user.Title, Email, Phone);
        if (!result.IsSuccess)
        {
            Error = result.Error!.Message;
            logger.LogInformation("Profile update refused for {UserId}: {Code}", user.Id, result.Error.Code);
            await LoadAsync(resetForm: false);
            return Page();
        }

        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            Error = "Profiliniz siz düzenlerken değiştirildi. Güncel bilgiler aşağıda; değişikliğinizi yeniden yapın.";
            await LoadAsync(resetForm: true);
            return Page();
        }

        Message = "Profiliniz güncellendi.";
        await LoadAsync(resetForm: true);
        return Page();
    }

    private async Task LoadAsync(bool resetForm)
    {
        var ct = HttpContext.RequestAborted;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == current.Id, ct);
        FullName = user.FullName;
        Title = user.Title;
        Tckn = user.Tckn;
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
    }
}
