using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// The audit trail is <see cref="Count"/> independent hash chains ("partitions"), each extended under its own
/// transaction-scoped advisory lock, so concurrent transactions on any number of app nodes append in parallel instead of
/// queueing behind one cluster-wide lock. A partition is a lane, not a business grouping: a transaction takes the first
/// free lane starting at one chosen by the hash of its first audited entity (so an unhurried entity tends to stay in one
/// lane) and keeps it for all its saves. The periodic <see cref="AuditAnchorWriter"/> ties the lanes' heads into one
/// chained anchor. See docs/scaling.md, "The audit chain across nodes".
/// </summary>
public static class AuditPartitions
{
    public const int Count = 16;

    /// <summary>Advisory lock keys <c>FirstLockKey + partition</c>; the single chain's old key 7_310_001 is no longer taken.</summary>
    public const long FirstLockKey = 7_310_100;

    /// <summary>Serialises the anchor writers (never taken on a request's path).</summary>
    public const long AnchorLockKey = 7_310_099;

    /// <summary>The preferred lane of an entity: FNV-1a of its type and id (stable across processes, unlike string hash codes).</summary>
    public static short PreferredFor(string entityType, string entityId)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(entityId);
        var hash = 2166136261u;
        foreach (var c in entityType + "/" + entityId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (short)(hash % Count);
    }

    /// <summary>
    /// Takes the first partition whose lock is free, trying from <paramref name="preferred"/> on (one round trip);
    /// when all are taken, waits for the preferred one. The lock is held until the transaction ends.
    /// </summary>
    public static async Task<short> ClaimAsync(DbContext db, short preferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // generate_series yields the lanes in order and LIMIT stops at the first lock taken, so at most one is held.
        var free = await db.Database.SqlQuery<int>($"""
            SELECT lane AS "Value"
            FROM (SELECT ({(int)preferred} + i) % {Count} AS lane FROM generate_series(0, {Count - 1}) AS i) AS lanes
            WHERE pg_try_advisory_xact_lock({FirstLockKey} + lane)
            LIMIT 1
            """).ToListAsync(cancellationToken);
        if (free.Count == 1)
        {
            return (short)free[0];
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FirstLockKey + preferred})", cancellationToken);
        return preferred;
    }
}
