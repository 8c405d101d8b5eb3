using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mys.Signing.Infrastructure.Auditing;

namespace Mys.Signing.Infrastructure.Persistence;

/// <summary>Applies the committed migrations as the schema owner, then grants the app role its rights.</summary>
public static class DatabaseMigrator
{
    public static DbContextOptions<MysDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<MysDbContext>()
            .UseNpgsql(connectionString)
            // No model snapshot exists (migrations are SQL); schema/model equality is proven by a test instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options;

    public static async Task<IReadOnlyList<string>> MigrateAsync(string ownerConnectionString, string? appRole, CancellationToken cancellationToken = default)
    {
        await using var db = new MysDbContext(Options(ownerConnectionString), new FixedAuditActorAccessor(AuditActor.System("migrator")), TimeProvider.System);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await Catalog.DocumentCatalogLoader.SeedAsync(db, cancellationToken);
        if (!string.IsNullOrWhiteSpace(appRole))
        {
            await DatabaseRoles.GrantAppRoleAsync(db, appRole, cancellationToken);
        }

        return pending;
    }

    /// <summary>The DDL the EF model describes (used to write the next migration and by the schema test).</summary>
    public static string ModelScript(string connectionString)
    {
        using var db = new MysDbContext(Options(connectionString), new FixedAuditActorAccessor(AuditActor.System("script")), TimeProvider.System);
        return db.Database.GenerateCreateScript();
    }
}
