using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>Takes a role back, with a reason; the domain's <see cref="RoleGrants"/> decide; audited.</summary>
public sealed class RevokeRole(MysDbContext db, TimeProvider clock, ILogger<RevokeRole> logger)
{
    public static readonly Refusal NotInUnit = new(RefusalKind.NotFound, "ROLE_NOT_IN_UNIT", "Bu birimde böyle bir rol ataması yok.");

    public async Task<Outcome<RoleAssignment>> RunAsync(Actor actor, Guid unitId, Guid assignmentId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var assignment = await db.RoleAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.UnitId == unitId, ct);
        if (assignment is null)
        {
            logger.LogWarning("Revoke refused: assignment {AssignmentId} is not in unit {UnitId}", assignmentId, unitId);
            return NotInUnit;
        }

        var grantee = await ManagedAccounts.HolderAsync(db, assignment.UserId, ct);
        var result = RoleGrants.Revoke(actor.AsHolder(), grantee, assignment, reason, await UnitTopologyLoader.LoadAsync(db, ct), clock.GetUtcNow());
        if (!result.IsSuccess)
        {
            logger.LogInformation("Revoke of {AssignmentId} refused: {Code}", assignmentId, result.Error!.Code);
            return ManagedAccounts.Refused(result.Error);
        }

        db.RecordEvent("RoleRevoked", nameof(RoleAssignment), assignment.Id.ToString("D"), GrantRole.Details(assignment.Role, reason));
        await db.SaveChangesAsync(ct);
        return assignment;
    }
}
