using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>Gives an existing user a role in the unit, with a reason; the domain decides whether it is allowed.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class AssignRoleModel(UnitDirectory units, CurrentUser current, GrantRole grantRole) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "T.C. kimlik numarası zorunludur.")]
    public string Tckn { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Rol seçilmelidir.")]
    public Role? SelectedRole { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Gerekçe zorunludur.")]
    [StringLength(500, ErrorMessage = "Gerekçe 500 karakteri geçemez.")]
    public string Reason { get; set; } = string.Empty;

    public UnitView Unit { get; private set; } = null!;

    public IReadOnlyList<Role> Choices { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await grantRole.RunAsync(current.AsActor(), UnitId, new RoleGrantRequest(Tckn, SelectedRole!.Value, Reason), HttpContext.RequestAborted);
        if (outcome.Value is not { } granted)
        {
            if (outcome.Refusal!.Kind == RefusalKind.Invalid || outcome.Refusal == GrantRole.UnknownUser)
            {
                ModelState.AddModelError(nameof(Tckn), outcome.Refusal.Message);
            }
            else
            {
                Error = outcome.Refusal.Message;
            }

            return Page();
        }

        TempData["Message"] = $"{granted.FullName} kullanıcısına {granted.Assignment.Role.TurkishName()} rolü verildi.";
        return Redirect($"/Units/{UnitId}/Users");
    }

    private async Task LoadAsync()
    {
        Unit = await units.FindAsync(UnitId, HttpContext.RequestAborted);
        var kind = Unit.IsSpendingUnit ? UnitKind.SpendingUnit : UnitKind.AccountingUnit;
        var me = current.AsHolder();
        Choices = RoleFacts.All.Where(r => r.Scope() == kind && RoleGrants.MayManage(me, r, UnitId)).ToList();
    }
}
