using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>The people holding roles in a unit; revoking a role and deactivating an account.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class UsersModel(MysDbContext db, CurrentUser current, TimeProvider clock, ILogger<UsersModel> logger) : PageModel
{
    public sealed record Row(Guid AssignmentId, Guid UserId, string FullName, string Title, string Tckn, Role Role, DateTimeOffset GrantedAt, bool UserActive, bool CanManage);

    [FromRoute]
    public Guid UnitId { get; set; }

    public UnitView Unit { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanAssign { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRevokeAsync(Guid assignmentId, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var assignment = await db.RoleAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.UnitId == UnitId, ct);
        if (assignment is null)
        {
            logger.LogWarning("Revoke refused: assignment {AssignmentId} is not in unit {UnitId}", assignmentId, UnitId);
            return NotFound();
        }

        var grantee = await HolderAsync(assignment.UserId, ct);
        var result = RoleGrants.Revoke(current.AsHolder(), grantee, assignment, reason, await UnitTopologyLoader.LoadAsync(db, ct), clock.GetUtcNow());
        if (!result.IsSuccess)
        {
            logger.LogInformation("Revoke of {AssignmentId} refused: {Code}", assignmentId, result.Error!.Code);
            Error = result.Error.Message;
            await LoadAsync();
            return Page();
        }

        db.RecordEvent("RoleRevoked", nameof(RoleAssignment), assignment.Id.ToString("D"), Json(assignment.Role, reason));
        await db.SaveChangesAsync(ct);
        Message = $"{assignment.Role.TurkishName()} rolü kaldırıldı.";
        return RedirectToPage(new { UnitId });
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid userId, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !await db.RoleAssignments.AnyAsync(a => a.UserId == userId && a.UnitId == UnitId, ct))
        {
            logger.LogWarning("Deactivation refused: user {UserId} has no role in unit {UnitId}", userId, UnitId);
            return NotFound();
        }

        var check = UserDeactivation.Check(current.AsHolder(), await HolderAsync(userId, ct), reason);
        var result = check.IsSuccess ? user.Deactivate(clock.GetUtcNow()) : check;
        if (!result.IsSuccess)
        {
            logger.LogInformation("Deactivation of {UserId} refused: {Code}", userId, result.Error!.Code);
            Error = result.Error.Message;
            await LoadAsync();
            return Page();
        }

        db.RecordEvent("UserDeactivated", "MysUser", user.Id.ToString("D"), Mys.Signing.Infrastructure.Auditing.AuditJson.Serialize(new { reason }));
        await db.SaveChangesAsync(ct);
        Message = $"{user.FullName} pasif duruma getirildi.";
        return RedirectToPage(new { UnitId });
    }

    internal static string Json(Role role, string? reason) => Mys.Signing.Infrastructure.Auditing.AuditJson.Serialize(new { role = role.ToString(), reason });

    private async Task<AccessHolder> HolderAsync(Guid userId, CancellationToken ct)
    {
        var active = await db.Users.Where(u => u.Id == userId).Select(u => u.IsActive).SingleAsync(ct);
        var assignments = await db.RoleAssignments.Where(a => a.UserId == userId && a.RevokedAt == null).ToListAsync(ct);
        return new AccessHolder(userId, active, assignments);
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Unit = await UnitDirectory.FindAsync(db, UnitId, ct);
        var me = current.AsHolder();
        var rows = await (from a in db.RoleAssignments.AsNoTracking()
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                          where a.UnitId == UnitId && a.RevokedAt == null
                          orderby u.FullName
                          select new { a.Id, a.UserId, u.FullName, u.Title, u.Tckn, a.Role, a.GrantedAt, u.IsActive }).ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.UserId, r.FullName, r.Title, r.Tckn, r.Role, r.GrantedAt, r.IsActive, RoleGrants.MayManage(me, r.Role, UnitId) && r.UserId != me.UserId)).ToList();
        CanAssign = RoleFacts.All.Any(role => role.Scope() == (Unit.IsSpendingUnit ? Domain.Organisation.UnitKind.SpendingUnit : Domain.Organisation.UnitKind.AccountingUnit)
                                              && RoleGrants.MayManage(me, role, UnitId));
    }
}
