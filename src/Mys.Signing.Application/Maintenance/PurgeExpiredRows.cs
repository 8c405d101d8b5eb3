using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Signing.Codes;

namespace Mys.Signing.Application.Maintenance;

/// <summary>
/// Deletes the short-lived rows of the card flows once nothing can use them any more: e-signature login challenges
/// and verification codes past their expiry (plus a grace period, so a page still polling a code's final state gets its
/// answer), look-up and login throttle rows whose window and block are over, signing sessions expired for more than a
/// day, and login sessions ended (or idle, which ends them) for more than <see cref="LoginSessionRetention"/> (kept that
/// long for the user's own list of sessions and for support).
/// Deletes run in bounded batches (short transactions, no long row locks); the totals are audited as one event.
/// Idempotent: a second run at the same time deletes nothing. Run hourly by <see cref="ExpiredRowsPurgeJob"/>.
/// </summary>
public sealed class PurgeExpiredRows(MysDbContext db, ILogger<PurgeExpiredRows> logger)
{
    public const int BatchSize = 1000;

    /// <summary>How long an expired code is kept: its claimed signing session lives 300 s more and the page polls the outcome.</summary>
    public static readonly TimeSpan CodeGrace = TimeSpan.FromHours(1);

    public static readonly TimeSpan ChallengeGrace = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan SessionRetention = TimeSpan.FromDays(1);

    public static readonly TimeSpan LoginSessionRetention = TimeSpan.FromDays(30);

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var challengeCutoff = now - ChallengeGrace;
        var codeCutoff = now - CodeGrace;
        var sessionCutoff = now - SessionRetention;
        var windowCutoff = now - CodeThrottle.Window;

        var challenges = await DeleteInBatchesAsync(
            () => db.LoginChallenges.Where(c => c.ExpiresAt < challengeCutoff).OrderBy(c => c.ExpiresAt).Take(BatchSize), cancellationToken);
        var codes = await DeleteInBatchesAsync(
            () => db.SigningCodes.Where(c => c.ExpiresAt < codeCutoff).OrderBy(c => c.ExpiresAt).Take(BatchSize), cancellationToken);
        var throttles = await DeleteInBatchesAsync(
            () => db.CodeLookupThrottles.Where(t => t.WindowStart < windowCutoff && (t.LockedUntil == null || t.LockedUntil < now))
                .OrderBy(t => t.Key).Take(BatchSize), cancellationToken);
        var sessions = await DeleteInBatchesAsync(
            () => db.SigningSessions.Where(s => s.ExpiresAt < sessionCutoff).OrderBy(s => s.ExpiresAt).Take(BatchSize), cancellationToken);
        var loginWindowCutoff = now - LoginThrottling.Window;
        var loginThrottles = await DeleteInBatchesAsync(
            () => db.LoginThrottles.Where(t => t.WindowStart < loginWindowCutoff && (t.BlockedUntil == null || t.BlockedUntil < now))
                .OrderBy(t => t.Key).Take(BatchSize), cancellationToken);
        var loginCutoff = now - LoginSessionRetention;
        var loginSessions = await DeleteInBatchesAsync(
            () => db.UserSessions.Where(s => s.EndedAt < loginCutoff || (s.EndedAt == null && s.LastSeenAt < loginCutoff))
                .OrderBy(s => s.LastSeenAt).Take(BatchSize), cancellationToken);

        if (challenges + codes + throttles + sessions + loginThrottles + loginSessions == 0)
        {
            return;
        }

        db.RecordEvent("ExpiredRowsPurged", "Maintenance", ExpiredRowsPurgeJob.Name, JsonSerializer.Serialize(new
        {
            at = now,
            loginChallenges = challenges,
            signingCodes = codes,
            codeLookupThrottles = throttles,
            signingSessions = sessions,
            loginThrottles,
            loginSessions,
        }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Purged expired rows: {Challenges} login challenges, {Codes} signing codes, {Throttles} throttle rows, {Sessions} signing sessions, {LoginThrottles} login throttle rows, {LoginSessions} login sessions",
            challenges, codes, throttles, sessions, loginThrottles, loginSessions);
    }

    private static async Task<int> DeleteInBatchesAsync<T>(Func<IQueryable<T>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await batch().ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }
}
