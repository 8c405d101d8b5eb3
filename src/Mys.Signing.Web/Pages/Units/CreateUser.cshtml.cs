using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>Registers a person (TCKN, name, title, contact) with a one-time initial password shown once, to be changed at the first login.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class CreateUserModel(UnitDirectory units, CurrentUser current, CreateUser createUser) : PageModel
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

    public async Task OnGetAsync() => Unit = await units.FindAsync(UnitId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        Unit = await units.FindAsync(UnitId, HttpContext.RequestAborted);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await createUser.RunAsync(current.AsActor(), UnitId, new NewUser(Tckn, FullName, Title, Email, Phone), HttpContext.RequestAborted);
        if (outcome.Value is not { } created)
        {
            Error = outcome.Refusal!.Message;
            return Page();
        }

        // Shown once, in this response only (never stored readable, never cached).
        Response.Headers.CacheControl = "no-store";
        InitialPassword = created.Password;
        return Page();
    }
}
