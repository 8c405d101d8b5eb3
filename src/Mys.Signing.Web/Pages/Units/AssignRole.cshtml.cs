using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>Gives an existing user a role in the unit, with a reason; the domain decides whether it is allowed.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class AssignRoleModel(MysDbContext db, CurrentUser current, TimeProvider clock, ILogger<AssignRoleModel> logger) : PageModel
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
        var ct = HttpContext.RequestAborted;
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var tckn = Domain.Parties.Tckn.Parse(Tckn);
        if (!tckn.IsSuccess)
        {
            logger.LogInformation("Role grant refused in {UnitId}: {Code}", UnitId, tckn.Error!.Code);
            ModelState.AddModelError(nameof(Tckn), tckn.Error.Message);
            return Page();
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Tckn == tckn.Value.Value, ct);
        if (user is null)
        {
            logger.LogInformation("Role grant refused in {UnitId}: no user with the given TCKN", UnitId);
            ModelState.AddModelError(nameof(Tckn), "Bu T.C. kimlik numarasıyla kayıtlı kullanıcı yok. Önce kullanıcıyı oluşturun.");
            return Page();
        }

        var grantee = new AccessHolder(user.Id, user.IsActive, await db.RoleAssignments.Where(a => a.UserId == user.Id && a.RevokedAt == null).ToListAsync(ct));
        var grant = RoleGrants.Grant(current.AsHolder(), grantee, SelectedRole!.Value, UnitId, Reason, await UnitTopologyLoader.LoadAsync(db, ct), clock.GetUtcNow());
        if (!grant.IsSuccess)
        {
            logger.LogWarning("Role grant of {Role} to {UserId} in {UnitId} refused: {Code}", SelectedRole, user.Id, UnitId, grant.Error!.Code);
            Error = grant.Error.Message;
            return Page();
        }

        db.RoleAssignments.Add(grant.Value);
        db.RecordEvent("RoleGranted", nameof(RoleAssignment), grant.Value.Id.ToString("D"), UsersModel.Json(grant.Value.Role, Reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            logger.LogWarning("Role grant of {Role} to {UserId} in {UnitId} lost a race: already granted", SelectedRole, user.Id, UnitId);
            Error = "Kullanıcı bu birimde bu role zaten sahip.";
            return Page();
        }

        TempData["Message"] = $"{user.FullName} kullanıcısına {grant.Value.Role.TurkishName()} rolü verildi.";
        return Redirect($"/Units/{UnitId}/Users");
    }

    private async Task LoadAsync()
    {
        Unit = await UnitDirectory.FindAsync(db, UnitId, HttpContext.RequestAborted);
        var kind = Unit.IsSpendingUnit ? UnitKind.SpendingUnit : UnitKind.AccountingUnit;
        var me = current.AsHolder();
        Choices = RoleFacts.All.Where(r => r.Scope() == kind && RoleGrants.MayManage(me, r, UnitId)).ToList();
    }
}
