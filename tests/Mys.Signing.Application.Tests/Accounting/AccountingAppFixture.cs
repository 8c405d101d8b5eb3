using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Access;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.Accounting;

/// <summary>
/// The app with the dev PKI on a database of its own (the use cases resolved from its services, as the pages get them),
/// the seeder of signed, sent ÖEBs, and the demo users as actors.
/// </summary>
public sealed class AccountingAppFixture : IAsyncLifetime
{
    private readonly string _pkiFolder = Directory.CreateTempSubdirectory("mys-app-acct-").FullName;
    private TestDatabase? _database;

    public MysAppFactory App { get; private set; } = null!;

    public SignedPaymentOrderSeeder Seeder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, SignedPaymentOrderSeeder.DevPkiSettings(_pkiFolder));
        _ = App.Server;
        Seeder = new SignedPaymentOrderSeeder(App);
    }

    /// <summary>The demo user holding <paramref name="role"/>, with their assignments as the web reads them.</summary>
    public async Task<Actor> ActorAsync(Role role)
    {
        var tckn = DemoData.Accounts.Single(a => a.Role == role).Tckn;
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Tckn == tckn);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == user.Id && a.RevokedAt == null).ToListAsync();
        return new Actor(user, assignments);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_pkiFolder, recursive: true);
    }
}
