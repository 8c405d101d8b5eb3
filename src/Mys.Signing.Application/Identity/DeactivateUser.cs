using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>
/// Deactivates an account (someone left): <see cref="UserDeactivation"/>'s rule, a reason required; every session of the
/// person ends at once; audited.
/// </summary>
public sealed class DeactivateUser(MysDbContext db, UserSessions sessions, TimeProvider clock, ILogger<DeactivateUser> logger)
{
    public const string Reason = "Deactivated";

    public async Task<Outcome<MysUser>> RunAsync(Actor actor, Guid unitId, Guid userId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FindAsync([userId], ct);
        if (user is null || !await ManagedAccounts.BelongsToUnitAsync(db, userId, unitId, ct))
        {
            logger.LogWarning("Deactivation refused: user {UserId} has no role in unit {UnitId}", userId, unitId);
            return AccountMessages.UserNotInUnit;
        }

        var check = UserDeactivation.Check(actor.AsHolder(), await ManagedAccounts.HolderAsync(db, userId, ct), reason);
        var result = check.IsSuccess ? user.Deactivate(clock.GetUtcNow()) : check;
        if (!result.IsSuccess)
        {
            logger.LogInformation("Deactivation of {UserId} refused: {Code}", userId, result.Error!.Code);
            return ManagedAccounts.Refused(result.Error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await sessions.EndAllAsync(user.Id, Reason, except: null, ct);
        db.RecordEvent("UserDeactivated", "MysUser", user.Id.ToString("D"), AuditJson.Serialize(new { reason, sessionsEnded = ended }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("User {UserId} deactivated by {ActorId}; {Count} session(s) ended", userId, actor.Id, ended);
        return user;
    }
}
