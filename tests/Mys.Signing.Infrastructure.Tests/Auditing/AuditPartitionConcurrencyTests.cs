using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Auditing;

/// <summary>Concurrent audited writes from separate contexts and connection pools ("nodes") on one real database.</summary>
public sealed class AuditPartitionConcurrencyTests
{
    private static readonly string[] NodeNames = ["node-a", "node-b"];

    [Fact]
    public async Task A_busy_partition_sends_the_next_writer_to_a_free_one_instead_of_making_it_wait()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var preferred = AuditPartitions.PreferredFor("Probe", "shared");
        var next = (short)((preferred + 1) % AuditPartitions.Count);
        var before = (await trail.PartitionAsync(preferred)).Count;
        var nextBefore = (await trail.PartitionAsync(next)).Count;
        await using var holder = trail.NewContext();
        await using var open = await holder.Database.BeginTransactionAsync();
        holder.RecordEvent("Probe", "Probe", "shared");
        await holder.SaveChangesAsync();

        var watch = Stopwatch.StartNew();
        await using (var other = trail.NewContext())
        {
            other.RecordEvent("Probe", "Probe", "shared");
            await other.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        await open.CommitAsync();
        (await trail.PartitionAsync(preferred)).Count.ShouldBe(before + 1);
        (await trail.PartitionAsync(next)).Count.ShouldBe(nextBefore + 1);
        (await trail.VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task When_every_partition_is_busy_a_writer_waits_for_its_own_and_extends_it_after_the_holder()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        var preferred = AuditPartitions.PreferredFor("Probe", "waiting");
        await trail.WriteEventsAsync("waiting", 2);
        await using var blocker = new NpgsqlConnection(trail.Database.ConnectionString);
        await blocker.OpenAsync();
        await using var blocking = await blocker.BeginTransactionAsync();
        await using (var lockAll = new NpgsqlCommand(
                         $"SELECT pg_advisory_xact_lock({AuditPartitions.FirstLockKey} + i) FROM generate_series(0, {AuditPartitions.Count - 1}) AS i", blocker, blocking))
        {
            await lockAll.ExecuteNonQueryAsync();
        }

        await using var writer = trail.NewContext();
        writer.RecordEvent("Probe", "Probe", "waiting");
        var save = writer.SaveChangesAsync();
        await Task.Delay(500);
        save.IsCompleted.ShouldBeFalse("every partition is locked: the writer must wait");
        (await trail.Database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'")).ShouldBe(1);

        await blocking.CommitAsync();
        await save.WaitAsync(TimeSpan.FromSeconds(30));
        var lane = (await trail.PartitionAsync(preferred)).Select(e => e.Sequence!.Value).ToList();
        lane[^3..].ShouldBe([lane[^3], lane[^3] + 1, lane[^3] + 2]);
        (await trail.PartitionAsync(preferred)).TakeLast(1).Single().EntityId.ShouldBe("waiting");
        (await trail.VerifyAsync()).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task Two_nodes_writing_the_same_and_different_entities_at_once_keep_every_partition_unbroken()
    {
        await using var trail = await AuditTrailUnderAttack.CreateAsync();
        // Two connection pools, as two app processes have.
        var nodes = NodeNames
            .Select(name => DatabaseMigrator.Options(new NpgsqlConnectionStringBuilder(trail.Database.ConnectionString) { ApplicationName = name }.ConnectionString))
            .ToList();
        const int tasksPerNode = 6;
        const int transactionsPerTask = 8;
        var seeded = (await trail.VerifyAsync()).EntriesChecked;

        await Task.WhenAll(nodes.SelectMany((options, node) => Enumerable.Range(0, tasksPerNode).Select(task => Task.Run(async () =>
        {
            // Half the tasks of both nodes write one shared entity, the others their own.
            var entity = task % 2 == 0 ? "shared" : $"own-{node}-{task}";
            for (var i = 0; i < transactionsPerTask; i++)
            {
                await using var db = new MysDbContext(options, new FixedAuditActorAccessor(AuditActor.System($"node {node}")), TimeProvider.System);
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.RecordEvent("Probe", "Probe", entity, "{\"save\":1}");
                await db.SaveChangesAsync();
                db.RecordEvent("Probe", "Probe", entity, "{\"save\":2}");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }))));

        await trail.AnchorAsync();
        var report = await trail.VerifyAsync();
        report.IsIntact.ShouldBeTrue(string.Join(", ", report.Problems));
        report.EntriesChecked.ShouldBe(seeded + (2 * tasksPerNode * transactionsPerTask * 2));
        await using var check = trail.NewContext();
        (await check.AuditEntries.Select(e => e.Partition).Distinct().CountAsync()).ShouldBeGreaterThan(1);
        // A transaction keeps its partition from its first save to its commit: each second save directly follows its first.
        var rows = await check.AuditEntries.AsNoTracking().ToDictionaryAsync(e => (e.Partition, e.Sequence));
        foreach (var second in rows.Values.Where(e => e.Changes!.Contains("\"save\":2", StringComparison.Ordinal)))
        {
            var before = rows[(second.Partition, second.Sequence - 1)];
            before.Changes!.ShouldContain("\"save\":1");
            before.EntityId.ShouldBe(second.EntityId);
        }
    }
}
