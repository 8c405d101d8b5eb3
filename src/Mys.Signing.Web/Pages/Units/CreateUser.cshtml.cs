using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>Registers a person (TCKN, name, title, contact) with a one-time initial password shown once.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class CreateUserModel(MysDbContext db, UserManager<MysUser> users, ILogger<CreateUserModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [BindProperty, Required(ErrorMessage = "T.C. kimlik numarası zorunludur.")]
    public string Tckn { get; set; } = string.Empty;

    [BindProperty, Required(ErrorMessage = "Ad soyad zorunludur.")]
    public string FullName { get; set; } = string.Empty;

    [BindProperty, Required(ErrorMessage = "Unvan zorunludur.")]
    public string Title { get; set; } = string.Empty;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    public UnitView Unit { get; private set; } = null!;

    public string? InitialPassword { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => Unit = await UnitDirectory.FindAsync(db, UnitId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Unit = await UnitDirectory.FindAsync(db, UnitId, HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var created = MysUser.Create(Tckn, FullName, Title, Email, Phone);
        if (!created.IsSuccess)
        {
            logger.LogInformation("User creation refused in {UnitId}: {Code}", UnitId, created.Error!.Code);
            Error = created.Error.Message;
            return Page();
        }

        var password = NewInitialPassword();
        var result = await users.CreateAsync(created.Value, password);
        if (!result.Succeeded)
        {
            logger.LogInformation("User creation refused in {UnitId}: {Codes}", UnitId, string.Join(",", result.Errors.Select(e => e.Code)));
            Error = string.Join(" ", result.Errors.Select(e => e.Description));
            return Page();
        }

        InitialPassword = password;
        return Page();
    }

    /// <summary>Meets the password policy; shown once, to be changed by the user.</summary>
    private static string NewInitialPassword() =>
        "Mys-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "7a";
}
