using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Infrastructure.Tests.Auditing;

/// <summary>
/// A fresh migrated database whose audit trail the tests write through the real context and then tamper with as a
/// superuser would (triggers disabled, rows changed, removed, forged with correctly computed hashes).
/// </summary>
internal sealed class AuditTrailUnderAttack : IAsyncDisposable
{
    private AuditTrailUnderAttack(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<AuditTrailUnderAttack> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null);
        return new AuditTrailUnderAttack(database);
    }

    public MysDbContext NewContext() =>
        new(DatabaseMigrator.Options(Database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System);

    /// <summary>Events on one entity, one save each: uncontended, they all land in the entity's preferred partition.</summary>
    public async Task<List<AuditEntry>> WriteEventsAsync(string entityId, int count)
    {
        await using var db = NewContext();
        for (var i = 0; i < count; i++)
        {
            db.RecordEvent("Probe", "Probe", entityId, $$"""{"n":{{i}}}""");
            await db.SaveChangesAsync();
        }

        return await PartitionAsync(AuditPartitions.PreferredFor("Probe", entityId));
    }

    public async Task<List<AuditEntry>> PartitionAsync(short partition)
    {
        await using var db = NewContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Partition == partition).OrderBy(e => e.Sequence).ThenBy(e => e.Id).ToListAsync();
    }

    public async Task<AuditAnchor> AnchorAsync()
    {
        await using var db = NewContext();
        return (await AuditAnchorWriter.WriteAsync(db, DateTimeOffset.UtcNow)).ShouldNotBeNull();
    }

    public async Task<AuditChainReport> VerifyAsync(RecordedAnchor? recorded = null, DateTimeOffset? now = null)
    {
        await using var db = NewContext();
        return await AuditChainVerifier.VerifyAsync(db, now ?? DateTimeOffset.UtcNow, AuditChainVerifier.DefaultUnanchoredGrace, recorded);
    }

    /// <summary>Runs SQL with the append-only triggers off, as a superuser could.</summary>
    public Task TamperAsync(string sql) => Database.ExecuteAsync($"""
        ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;
        ALTER TABLE "AuditAnchors" DISABLE TRIGGER USER;
        {sql};
        ALTER TABLE "AuditEntries" ENABLE TRIGGER USER;
        ALTER TABLE "AuditAnchors" ENABLE TRIGGER USER;
        """);

    /// <summary>
    /// A forger who knows the algorithm: removes the partition's rows from <paramref name="fromSequence"/> on and
    /// writes <paramref name="tail"/> there instead, numbered and hashed exactly as the app would.
    /// </summary>
    public async Task RewriteTailAsync(short partition, long fromSequence, IEnumerable<AuditEntry> tail)
    {
        var kept = (await PartitionAsync(partition)).Where(e => e.Sequence < fromSequence).ToList();
        await TamperAsync($"""DELETE FROM "AuditEntries" WHERE "Partition" = {partition} AND "Sequence" >= {fromSequence}""");
        var previous = kept.Count == 0 ? AuditCanonicalForm.GenesisHash : kept[^1].Hash;
        var sequence = fromSequence;
        await using var db = NewContext();
        foreach (var source in tail)
        {
            var forged = Copy(source);
            forged.Partition = partition;
            forged.Sequence = sequence++;
            forged.PreviousHash = previous;
            forged.Hash = AuditCanonicalForm.ComputeHash(previous, forged);
            previous = forged.Hash;
            db.AuditEntries.Add(forged);
        }

        await db.SaveChangesAsync();
    }

    public static AuditEntry Copy(AuditEntry e) => new()
    {
        OccurredAt = e.OccurredAt,
        UserId = e.UserId,
        UserName = e.UserName,
        Role = e.Role,
        UnitId = e.UnitId,
        EntityType = e.EntityType,
        EntityId = e.EntityId,
        Action = e.Action,
        Changes = e.Changes,
        IpAddress = e.IpAddress,
        UserAgent = e.UserAgent,
        CorrelationId = e.CorrelationId,
        Partition = e.Partition,
        Sequence = e.Sequence,
        PreviousHash = e.PreviousHash,
        Hash = e.Hash,
    };

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
