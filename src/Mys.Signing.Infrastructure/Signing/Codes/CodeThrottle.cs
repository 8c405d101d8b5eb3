using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Signing.Codes;

/// <summary>
/// Rate limit for verification-code look-ups, persisted in PostgreSQL so that several app instances count together:
/// <see cref="MaxFailures"/> failures of one key within <see cref="Window"/> lock that key for <see cref="LockDuration"/>.
/// With 10^15 codes, a handful of live ones and five guesses per address per quarter hour, the space is not searchable.
/// </summary>
public sealed class CodeThrottle(MysDbContext db, TimeProvider clock)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    public static string AddressKey(string? address) => "addr:" + (string.IsNullOrEmpty(address) ? "unknown" : address);

    public static string HolderKey(string tckn) => "tckn:" + tckn;

    /// <summary>The latest lock end among the keys, or null when none is locked now.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.CodeLookupThrottles.AsNoTracking()
            .Where(t => keys.Contains(t.Key) && t.LockedUntil != null && t.LockedUntil > now)
            .MaxAsync(t => t.LockedUntil, cancellationToken);
    }

    /// <summary>Counts one failure for each key (one atomic upsert each); returns true when any key is now locked.</summary>
    public async Task<bool> RecordFailureAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = clock.GetUtcNow();
        var windowOpenedAfter = now - Window;
        var lockUntil = now + LockDuration;
        var locked = false;
        foreach (var key in keys)
        {
            var failures = await db.Database.SqlQuery<int>($"""
                INSERT INTO "CodeLookupThrottles" AS t ("Key", "WindowStart", "Failures", "LockedUntil")
                VALUES ({key}, {now}, 1, CASE WHEN 1 >= {MaxFailures} THEN {lockUntil} END)
                ON CONFLICT ("Key") DO UPDATE SET
                    "Failures" = CASE WHEN t."WindowStart" <= {windowOpenedAfter} THEN 1 ELSE t."Failures" + 1 END,
                    "WindowStart" = CASE WHEN t."WindowStart" <= {windowOpenedAfter} THEN {now} ELSE t."WindowStart" END,
                    "LockedUntil" = CASE
                        WHEN (CASE WHEN t."WindowStart" <= {windowOpenedAfter} THEN 1 ELSE t."Failures" + 1 END) >= {MaxFailures} THEN {lockUntil}
                        ELSE t."LockedUntil" END
                RETURNING t."Failures" AS "Value"
                """).ToListAsync(cancellationToken);
            locked |= failures.Single() >= MaxFailures;
        }

        return locked;
    }
}
