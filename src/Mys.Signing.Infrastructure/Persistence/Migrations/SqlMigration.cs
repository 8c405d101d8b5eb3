using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mys.Signing.Infrastructure.Persistence.Migrations;

/// <summary>
/// A migration whose body is the embedded SQL file named like its <see cref="MigrationAttribute"/> id.
/// EF Core's design-time package cannot be restored here, so migrations are SQL reviewed by hand; the test
/// <c>MigrationsMatchModelTests</c> proves the migrated schema equals the one the EF model describes, and
/// <c>mys db model-script</c> prints the model's DDL to start a new migration from.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var id = GetType().GetCustomAttribute<MigrationAttribute>()?.Id
                 ?? throw new InvalidOperationException($"{GetType().Name} has no [Migration] attribute.");
        var resource = $"{typeof(SqlMigration).Namespace}.{id}.sql";
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"Embedded migration script '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        migrationBuilder.Sql(reader.ReadToEnd());
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        throw new NotSupportedException("Migrations are forward-only; restore a backup to go back.");
}
