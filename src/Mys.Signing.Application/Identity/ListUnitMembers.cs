using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Identity;

/// <summary>A person holding a role in the unit; <see cref="CanManage"/>: the actor may revoke it, deactivate or reset the account.</summary>
public sealed record UnitMember(Guid AssignmentId, Guid UserId, string FullName, string Title, string Tckn, Role Role, DateTimeOffset GrantedAt, bool UserActive, bool CanManage);

/// <summary>The unit, its people and whether the actor may assign any role in it.</summary>
public sealed record UnitMembers(UnitView Unit, IReadOnlyList<UnitMember> Members, bool CanAssign);

/// <summary>
/// A system administrator, identity administrator or accounting officer looks at the people holding roles in a unit;
/// what each row lets them do follows <see cref="RoleGrants.MayManage"/> in this unit (never their own account). Which
/// units a role reaches is the unit pages' filter's decision; here anyone without one of the three roles is refused.
/// </summary>
public sealed class ListUnitMembers(MysDbContext db, UnitDirectory units)
{
    public static readonly Refusal NotAnAdministrator = new(RefusalKind.Forbidden, "forbidden", "Birimin kullanıcılarını görme yetkiniz yok.");

    public async Task<Outcome<UnitMembers>> RunAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.HoldsAnywhere(Role.SystemAdministrator) && !actor.HoldsAnywhere(Role.IdentityAdministrator) && !actor.HoldsAnywhere(Role.AccountingOfficer))
        {
            return NotAnAdministrator;
        }

        var unit = await units.FindAsync(unitId, ct);
        var me = actor.AsHolder();
        var rows = await (from a in db.RoleAssignments.AsNoTracking()
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                          where a.UnitId == unitId && a.RevokedAt == null
                          orderby u.FullName
                          select new { a.Id, a.UserId, u.FullName, u.Title, u.Tckn, a.Role, a.GrantedAt, u.IsActive }).ToListAsync(ct);
        var members = rows.Select(r => new UnitMember(r.Id, r.UserId, r.FullName, r.Title, r.Tckn, r.Role, r.GrantedAt, r.IsActive,
            RoleGrants.MayManage(me, r.Role, unitId) && r.UserId != me.UserId)).ToList();
        var canAssign = RoleFacts.All.Any(role => role.Scope() == (unit.IsSpendingUnit ? UnitKind.SpendingUnit : UnitKind.AccountingUnit)
                                                  && RoleGrants.MayManage(me, role, unitId));
        return new UnitMembers(unit, members, canAssign);
    }
}
