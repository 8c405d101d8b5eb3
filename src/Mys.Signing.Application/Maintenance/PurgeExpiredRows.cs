using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing.Codes;

namespace Mys.Signing.Application.Maintenance;

/// <summary>
/// Deletes the short-lived rows of the card flows once nothing can use them any more: e-signature login challenges
/// and verification codes past their expiry (plus a grace period, so a page still polling a code's final state gets its
/// answer), look-up throttle rows whose window and lock are over, and signing sessions expired for more than a day.
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

        if (challenges + codes + throttles + sessions == 0)
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
        }));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Purged expired rows: {Challenges} login challenges, {Codes} signing codes, {Throttles} throttle rows, {Sessions} signing sessions",
            challenges, codes, throttles, sessions);
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
