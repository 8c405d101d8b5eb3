using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// Writes the next <see cref="AuditAnchor"/>: reads the committed head of every partition and of the legacy chain and
/// chains them to the previous anchor, under the anchor lock (the job and <c>mys audit anchor</c> never fork the
/// anchors). Request paths never take that lock. Writes nothing when no head moved since the last anchor.
/// </summary>
public static class AuditAnchorWriter
{
    public static async Task<AuditAnchor?> WriteAsync(DbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditPartitions.AnchorLockKey})", cancellationToken);
        var heads = await ReadHeadsAsync(db, transaction.GetDbTransaction(), cancellationToken);
        var last = await db.Set<AuditAnchor>().AsNoTracking().OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var formatted = AnchoredHead.Format(heads);
        if (heads.Count == 0 || last?.Heads == formatted)
        {
            return null;
        }

        var anchor = new AuditAnchor
        {
            CreatedAt = AuditCanonicalForm.TruncateToMicroseconds(now),
            Heads = formatted,
            PreviousHash = last?.Hash ?? AuditCanonicalForm.GenesisHash,
        };
        anchor.Hash = AuditAnchor.ComputeHash(anchor.PreviousHash, anchor.CreatedAt, anchor.Heads);
        // Plain SQL: the context's save would audit the anchor as a change (and take a partition lock).
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO "AuditAnchors" ("CreatedAt", "Heads", "PreviousHash", "Hash")
            VALUES ({anchor.CreatedAt}, {anchor.Heads}, {anchor.PreviousHash}, {anchor.Hash})
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
        anchor.Id = ids[0];
        await transaction.CommitAsync(cancellationToken);
        return anchor;
    }

    private static async Task<List<AnchoredHead>> ReadHeadsAsync(DbContext db, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var heads = new List<AnchoredHead>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // only this class's constants are interpolated
        command.CommandText = $"""
            SELECT {AnchoredHead.LegacyPartition}::smallint, legacy."Id", legacy."Hash"
            FROM (SELECT "Id", "Hash" FROM "AuditEntries" WHERE "Partition" IS NULL ORDER BY "Id" DESC LIMIT 1) AS legacy
            UNION ALL
            SELECT lane::smallint, head."Sequence", head."Hash"
            FROM generate_series(0, {AuditPartitions.Count - 1}) AS lane
            CROSS JOIN LATERAL (SELECT "Sequence", "Hash" FROM "AuditEntries" WHERE "Partition" = lane
                                ORDER BY "Sequence" DESC LIMIT 1) AS head
            """;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads.Add(new AnchoredHead(reader.GetInt16(0), reader.GetInt64(1), (byte[])reader[2]));
        }

        return heads;
    }
}
