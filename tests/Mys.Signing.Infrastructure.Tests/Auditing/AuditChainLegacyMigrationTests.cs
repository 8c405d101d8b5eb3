using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Auditing;

/// <summary>Rows of the single chain written before the partitions stay verifiable as the legacy chain, sealed by the anchors.</summary>
public sealed class AuditChainLegacyMigrationTests
{
    [Fact]
    public async Task Single_chain_rows_from_before_the_migration_still_verify_and_the_first_anchor_seals_them()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using (var db = Context(database))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261207160000_AccountSessions");
        }

        var legacy = await WriteSingleChainAsync(database, 4);
        await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null);
        await using (var db = Context(database))
        {
            db.Institutions.Add(Institution.Create(Guid.NewGuid(), "Kurum").Value);
            await db.SaveChangesAsync();
            (await db.AuditEntries.CountAsync(e => e.Partition == null)).ShouldBe(4);
            var anchor = (await AuditAnchorWriter.WriteAsync(db, DateTimeOffset.UtcNow)).ShouldNotBeNull();
            var lastLegacy = legacy[^1];
            anchor.ReadHeads().ShouldContain(h => h.Partition == AnchoredHead.LegacyPartition && h.Position == lastLegacy);
            var report = await AuditChainVerifier.VerifyAsync(db);
            report.IsIntact.ShouldBeTrue(string.Join(", ", report.Problems));
            report.EntriesChecked.ShouldBe(await db.AuditEntries.LongCountAsync());
        }

        // The sealed chain can neither lose its last row nor grow a forged one.
        await database.ExecuteAsync($"""
            ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;
            DELETE FROM "AuditEntries" WHERE "Id" = {legacy[^1]};
            ALTER TABLE "AuditEntries" ENABLE TRIGGER USER;
            """);
        await using (var db = Context(database))
        {
            (await AuditChainVerifier.VerifyAsync(db)).Problems.ShouldHaveSingleItem().ShouldBe(
                new AuditChainProblem(legacy[^2], AuditChainProblemKind.LegacyChainChanged, $"anchored last legacy row {legacy[^1]}, found {legacy[^2]}"));
        }

        await WriteSingleChainAsync(database, 1);
        await using (var db = Context(database))
        {
            (await AuditChainVerifier.VerifyAsync(db)).Problems.ShouldContain(p => p.Kind == AuditChainProblemKind.LegacyChainChanged);
        }
    }

    private static MysDbContext Context(TestDatabase database) =>
        new(DatabaseMigrator.Options(database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System);

    /// <summary>Rows as the single-chain code wrote them: no partition, each chained to the row with the highest id.</summary>
    private static async Task<List<long>> WriteSingleChainAsync(TestDatabase database, int count)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var last = new NpgsqlCommand("""SELECT "Hash" FROM "AuditEntries" ORDER BY "Id" DESC LIMIT 1""", connection);
        var previous = await last.ExecuteScalarAsync() as byte[] ?? AuditCanonicalForm.GenesisHash;
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var entry = new AuditEntry
            {
                OccurredAt = AuditCanonicalForm.TruncateToMicroseconds(DateTimeOffset.UtcNow),
                UserName = "eski",
                EntityType = "Institution",
                EntityId = Guid.NewGuid().ToString("D"),
                Action = "Created",
                Changes = """{"Name":{"old":null,"new":"Kurum"}}""",
                CorrelationId = "legacy",
                PreviousHash = previous,
            };
            entry.Hash = AuditCanonicalForm.ComputeHash(previous, entry);
            previous = entry.Hash;
            await using var insert = new NpgsqlCommand("""
                INSERT INTO "AuditEntries" ("OccurredAt", "UserName", "EntityType", "EntityId", "Action", "Changes", "CorrelationId", "PreviousHash", "Hash")
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "Id"
                """, connection)
            {
                Parameters =
                {
                    new() { Value = entry.OccurredAt }, new() { Value = entry.UserName }, new() { Value = entry.EntityType },
                    new() { Value = entry.EntityId }, new() { Value = entry.Action }, new() { Value = entry.Changes },
                    new() { Value = entry.CorrelationId }, new() { Value = entry.PreviousHash }, new() { Value = entry.Hash },
                },
            };
            ids.Add((long)(await insert.ExecuteScalarAsync())!);
        }

        return ids;
    }
}
