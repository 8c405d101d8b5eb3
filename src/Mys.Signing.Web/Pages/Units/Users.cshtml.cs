using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>The people holding roles in a unit; revoking a role, deactivating an account, resetting a password.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class UsersModel(MysDbContext db, CurrentUser current) : PageModel
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

    /// <summary>Set only in the response to a reset: the new one-time password, shown once.</summary>
    public OneTimePassword? OneTimePassword { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRevokeAsync([FromServices] RevokeRole revokeRole, Guid assignmentId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(revokeRole);
        var outcome = await revokeRole.RunAsync(current.AsActor(), UnitId, assignmentId, reason, HttpContext.RequestAborted);
        if (outcome.Value is not { } assignment)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Message = $"{assignment.Role.TurkishName()} rolü kaldırıldı.";
        return RedirectToPage(new { UnitId });
    }

    public async Task<IActionResult> OnPostDeactivateAsync([FromServices] DeactivateUser deactivate, Guid userId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(deactivate);
        var outcome = await deactivate.RunAsync(current.AsActor(), UnitId, userId, reason, HttpContext.RequestAborted);
        if (outcome.Value is not { } user)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Message = $"{user.FullName} pasif duruma getirildi; açık oturumları sonlandırıldı.";
        return RedirectToPage(new { UnitId });
    }

    /// <summary>A new one-time password, shown in this response only; the person's sessions end and they must change it at login.</summary>
    public async Task<IActionResult> OnPostResetPasswordAsync([FromServices] ResetPassword reset, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(reset);
        var outcome = await reset.RunAsync(current.AsActor(), UnitId, userId, HttpContext.RequestAborted);
        if (outcome.Value is not { } password)
        {
            return await RefusedAsync(outcome.Refusal!);
        }

        Response.Headers.CacheControl = "no-store";
        OneTimePassword = password;
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Refusal refusal)
    {
        if (refusal.Kind == RefusalKind.NotFound)
        {
            return NotFound();
        }

        Error = refusal.Message;
        await LoadAsync();
        return Page();
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
