using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Mys.Signing.Cli.Commands;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Auditing;

public sealed class AuditChainTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Every_change_writes_audit_rows_in_the_same_transaction_and_the_chain_verifies()
    {
        await AddInstitutionsAsync(3);

        await using var db = fixture.NewContext();
        var report = await AuditChainVerifier.VerifyAsync(db);

        report.IsIntact.ShouldBeTrue(string.Join(", ", report.Problems));
        (await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Institution) && e.Action == "Created")).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_audit_row()
    {
        var before = await CountAuditAsync();
        await using var db = fixture.NewContext();
        var id = Guid.NewGuid();
        db.Institutions.Add(Institution.Create(id, "Kurum").Value);
        db.SpendingUnits.Add(SpendingUnit.Create(Guid.NewGuid(), id, "Birim", "11.22.33.44", Guid.NewGuid()).Value); // unknown accounting unit: FK fails

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        (await CountAuditAsync()).ShouldBe(before);
        await using var check = fixture.NewContext();
        (await check.Institutions.AnyAsync(i => i.Id == id)).ShouldBeFalse();
    }

    [Fact]
    public async Task Concurrent_writers_from_several_contexts_keep_one_unbroken_chain()
    {
        // Several app instances write at once; each partition's advisory lock keeps its chain unbroken.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AddInstitutionsAsync(2)));

        await using var db = fixture.NewContext();
        (await AuditChainVerifier.VerifyAsync(db)).IsIntact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"Action\" = 'x'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    [InlineData("TRUNCATE \"AuditEntries\"")]
    public async Task The_database_refuses_to_change_or_remove_audit_rows_even_for_the_owner(string sql)
    {
        await AddInstitutionsAsync(1);

        var error = await Should.ThrowAsync<PostgresException>(() => fixture.Database.ExecuteAsync(sql));

        error.SqlState.ShouldBe("42501");
        error.MessageText.ShouldContain("append-only");
    }

    [Fact]
    public async Task The_app_role_may_read_and_append_but_has_no_update_or_delete_privilege()
    {
        await AddInstitutionsAsync(1);
        var role = "mys_app_" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Database.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'");
        try
        {
            await using (var owner = fixture.NewContext())
            {
                await DatabaseRoles.GrantAppRoleAsync(owner, role);
            }

            var asApp = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Username = role, Password = "pw-" + role, Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(asApp);
            await connection.OpenAsync();
            await using (var read = new NpgsqlCommand("SELECT count(*) FROM \"AuditEntries\"", connection))
            {
                ((long)(await read.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
            }

            await using var update = new NpgsqlCommand("UPDATE \"AuditEntries\" SET \"Action\" = 'x'", connection);
            var error = await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
            error.SqlState.ShouldBe("42501");
            error.MessageText.ShouldContain("permission denied");
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task A_row_changed_or_removed_behind_the_triggers_is_found_by_the_verifier_and_by_mys_audit_verify()
    {
        await using var database = await TestSupport.TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null);
        var fresh = new MysDbContext(DatabaseMigrator.Options(database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            fresh.Institutions.Add(Institution.Create(Guid.NewGuid(), $"Kurum {i}").Value);
            await fresh.SaveChangesAsync();
        }

        var (anchorCode, anchorOutput) = await RunCliAsync(database.ConnectionString, "audit", "anchor");
        anchorCode.ShouldBe(0);
        anchorOutput.ShouldStartWith("Anchor ");
        var recorded = anchorOutput.Split(' ')[1];
        var (code, output) = await RunCliAsync(database.ConnectionString, "audit", "verify", "--anchor", recorded);
        code.ShouldBe(0, output);
        output.ShouldContain($"latest anchor {recorded}");
        var ids = await fresh.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();

        // A superuser disables the guard and edits one row, then removes another (each is its partition's anchored head or before it).
        await database.ExecuteAsync($"""
            ALTER TABLE "AuditEntries" DISABLE TRIGGER USER;
            UPDATE "AuditEntries" SET "Changes" = 'forged' WHERE "Id" = {ids[1]};
            DELETE FROM "AuditEntries" WHERE "Id" = {ids[3]};
            ALTER TABLE "AuditEntries" ENABLE TRIGGER USER;
            """);

        var report = await AuditChainVerifier.VerifyAsync(fresh);
        report.IsIntact.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.EntryId == ids[1] && p.Kind == AuditChainProblemKind.ContentChanged);
        report.Problems.ShouldContain(p => p.Kind == AuditChainProblemKind.AnchoredEntryMissing || p.Kind == AuditChainProblemKind.SequenceGap);
        (code, output) = await RunCliAsync(database.ConnectionString, "audit", "verify", "--anchor", recorded);
        code.ShouldBe(1);
        output.ShouldContain($"entry {ids[1]}: ContentChanged");
        (await RunCliAsync(database.ConnectionString, "audit", "verify", "--anchor", "not-an-anchor")).Code.ShouldBe(64);
        await fresh.DisposeAsync();
    }

    private static async Task<(int Code, string Output)> RunCliAsync(string connectionString, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mys"] = connectionString,
        }).Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, configuration);
        return (code, stdout.ToString());
    }

    private async Task AddInstitutionsAsync(int count)
    {
        await using var db = fixture.NewContext();
        for (var i = 0; i < count; i++)
        {
            db.Institutions.Add(Institution.Create(Guid.NewGuid(), $"Kurum {Guid.NewGuid():N}").Value);
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> CountAuditAsync()
    {
        await using var db = fixture.NewContext();
        return await db.AuditEntries.CountAsync();
    }
}
