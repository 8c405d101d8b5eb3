using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>A password handed over once; only its hash is kept.</summary>
public sealed record OneTimePassword(string FullName, string Password);

/// <summary>
/// An identity administrator gives a person a new one-time password (forgotten password): who may is
/// <see cref="PasswordReset"/>'s rule; the person's sessions end, the password must be changed at the next login; audited.
/// </summary>
public sealed class ResetPassword(MysDbContext db, UserSessions sessions, Microsoft.AspNetCore.Identity.UserManager<MysUser> users, ILogger<ResetPassword> logger)
{
    public const string Reason = "PasswordReset";

    public async Task<Outcome<OneTimePassword>> RunAsync(Actor actor, Guid unitId, Guid userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await db.Users.FindAsync([userId], ct);
        if (user is null || !await ManagedAccounts.BelongsToUnitAsync(db, userId, unitId, ct))
        {
            logger.LogWarning("Password reset refused: user {UserId} has no role in unit {UnitId}", userId, unitId);
            return AccountMessages.UserNotInUnit;
        }

        var check = PasswordReset.Check(actor.AsHolder(), await ManagedAccounts.HolderAsync(db, userId, ct));
        if (!check.IsSuccess)
        {
            logger.LogWarning("Password reset of {UserId} by {ActorId} refused: {Code}", userId, actor.Id, check.Error!.Code);
            return ManagedAccounts.Refused(check.Error);
        }

        var password = OneTimePasswords.New();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.RequirePasswordChange();
        var ended = await sessions.EndAllAsync(user.Id, Reason, except: null, ct);
        db.RecordEvent("PasswordReset", "MysUser", user.Id.ToString("D"), AuditJson.Serialize(new { sessionsEnded = ended }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Password of {UserId} reset by {ActorId}; {Count} session(s) ended", userId, actor.Id, ended);
        return new OneTimePassword(user.FullName, password);
    }
}
