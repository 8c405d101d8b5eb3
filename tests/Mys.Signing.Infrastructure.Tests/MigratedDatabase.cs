using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Infrastructure.Tests;

/// <summary>A fresh database with the committed migrations applied (xunit class fixture).</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public MysDbContext NewContext(string actor = "test") =>
        new(DatabaseMigrator.Options(Database.ConnectionString), new FixedAuditActorAccessor(AuditActor.System(actor)), TimeProvider.System);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(Database.ConnectionString, appRole: null);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
