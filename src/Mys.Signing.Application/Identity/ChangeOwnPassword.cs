using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>The change-password form: the current password, the new one and its repetition.</summary>
public sealed record PasswordChange(string? Current, string? New, string? Confirmation);

/// <summary>
/// Every user changes their own password (and must, after a one-time password): the current one is asked again, the new
/// one meets the policy and differs from the old; the user's other sessions end; audited, never the password itself.
/// </summary>
public sealed class ChangeOwnPassword(
    MysDbContext db, UserManager<MysUser> users, UserSessions sessions, TimeProvider clock, ILogger<ChangeOwnPassword> logger)
{
    public const string Reason = "PasswordChanged";

    /// <returns>Null when changed, else why not.</returns>
    public async Task<Refusal?> RunAsync(Actor actor, PasswordChange change, Guid? currentSessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var user = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        if (string.IsNullOrEmpty(change.Current) || !await users.CheckPasswordAsync(user, change.Current))
        {
            logger.LogWarning("Password change refused for {UserId}: wrong current password", user.Id);
            db.RecordEvent("PasswordChangeRefused", "MysUser", user.Id.ToString("D"), AuditJson.Serialize(new { reason = "wrong current password" }));
            await db.SaveChangesAsync(ct);
            return AccountMessages.WrongCurrentPassword;
        }

        if (!string.Equals(change.New, change.Confirmation, StringComparison.Ordinal))
        {
            return AccountMessages.ConfirmationMismatch;
        }

        if (await NewPasswordRefusalAsync(users, user, change.New) is { } refusal)
        {
            logger.LogInformation("Password change refused for {UserId}: {Code}", user.Id, refusal.Code);
            return refusal;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, change.New!);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.RecordOwnPassword(clock.GetUtcNow());
        var ended = await sessions.EndAllAsync(user.Id, Reason, except: currentSessionId, ct);
        db.RecordEvent("PasswordChanged", "MysUser", user.Id.ToString("D"), AuditJson.Serialize(new { otherSessionsEnded = ended }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("User {UserId} changed their password; {Count} other session(s) ended", user.Id, ended);
        return null;
    }

    /// <summary>The policy (through Identity's validators, the domain's <c>PasswordPolicy</c> among them) and "not the old one".</summary>
    internal static async Task<Refusal?> NewPasswordRefusalAsync(UserManager<MysUser> users, MysUser user, string? password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                var error = result.Errors.First();
                return new Refusal(RefusalKind.Invalid, error.Code, error.Description);
            }
        }

        return user.PasswordHash is not null
               && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password!) != PasswordVerificationResult.Failed
            ? AccountMessages.SameAsOld
            : null;
    }
}
