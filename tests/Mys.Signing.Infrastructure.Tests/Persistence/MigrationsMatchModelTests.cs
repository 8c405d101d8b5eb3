using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Persistence;

/// <summary>
/// Migrations are hand-reviewed SQL (EF's design package cannot be restored here), so this proves the migrated
/// schema is exactly the one the EF model describes: same tables, columns, types, nullability, keys and indexes.
/// Quartz.NET's tables (qrtz_*) are not in the model: Quartz validates them itself at startup.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    private const string SchemaQuery = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE ' not null' END || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory' AND table_name NOT LIKE 'qrtz\_%'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' AND tablename NOT LIKE 'qrtz\_%'
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"' AND conrelid::regclass::text NOT LIKE 'qrtz\_%'
        ORDER BY 1
        """;

    [Fact]
    public async Task The_migrated_schema_equals_the_schema_the_model_creates()
    {
        await using var migrated = await TestDatabase.CreateEmptyAsync();
        await using var fromModel = await TestDatabase.CreateEmptyAsync();
        await DatabaseMigrator.MigrateAsync(migrated.ConnectionString, appRole: null);
        await using (var db = new MysDbContext(DatabaseMigrator.Options(fromModel.ConnectionString), new FixedAuditActorAccessor(AuditActor.System("t")), TimeProvider.System))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaAsync(fromModel.ConnectionString);
        var actual = await SchemaAsync(migrated.ConnectionString);

        expected.Count.ShouldBeGreaterThan(50);
        actual.Except(expected).ShouldBeEmpty("in the migrations but not in the model");
        expected.Except(actual).ShouldBeEmpty("in the model but not in the migrations");
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();

        (await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null)).ShouldNotBeEmpty();
        (await DatabaseMigrator.MigrateAsync(database.ConnectionString, appRole: null)).ShouldBeEmpty();
    }

    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(SchemaQuery, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
