using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Home;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.Seeding;

/// <summary>The app started as scripts/run.sh starts it (dev PKI, <c>Mys:Demo:AllStates</c>) on a fresh database.</summary>
public sealed class DemoStatesFixture : IAsyncLifetime
{
    private readonly string _pkiFolder = Directory.CreateTempSubdirectory("mys-demo-states-").FullName;
    private TestDatabase? _database;

    public MysAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, new Dictionary<string, string>(SignedPaymentOrderSeeder.DevPkiSettings(_pkiFolder)) { ["Mys:Demo:AllStates"] = "true" });
        _ = App.Server;
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

/// <summary>The demo shows every state a user meets: each ÖEB state, work in every queue, a certificate about to expire.</summary>
[Trait("Speed", "Slow")]
public sealed class DemoStatesTests(DemoStatesFixture fixture) : IClassFixture<DemoStatesFixture>
{
    [Fact]
    public async Task Every_state_has_a_demo_order_and_every_queue_has_work()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var states = await db.PaymentOrders.AsNoTracking().Where(o => o.SpendingUnitId == DemoData.SpendingUnitId)
            .Select(o => o.Status).Distinct().ToListAsync();
        states.ShouldBe(
        [
            PaymentOrderStatus.Draft, PaymentOrderStatus.AwaitingRealizationSignature, PaymentOrderStatus.AwaitingSpendingAuthoritySignature,
            PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned,
        ], ignoreOrder: true);

        var start = scope.ServiceProvider.GetRequiredService<ShowStartPage>();
        foreach (var (role, kind) in new[]
        {
            (Role.RealizationOfficer, WorkKind.AwaitingMySignature), (Role.SpendingAuthority, WorkKind.AwaitingMySignature),
            (Role.DataEntryOfficer, WorkKind.Returned), (Role.DataEntryOfficer, WorkKind.Draft), (Role.AccountingOfficer, WorkKind.Inbox),
            (Role.IdentityAdministrator, WorkKind.CertificatesNeedingAttention),
        })
        {
            var work = await start.RunAsync(await ActorAsync(db, role), default);
            work.Single(w => w.Kind == kind).Count.ShouldBeGreaterThan(0, $"{role} has {kind} waiting in the demo");
        }
    }

    [Fact]
    public async Task The_spending_authority_sees_a_certificate_expiring_in_twenty_days()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var tckn = DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Tckn == tckn);

        var status = await scope.ServiceProvider.GetRequiredService<SignerCertificateStatusService>().GetAsync(user.Id, default);

        status.Level.ShouldBe(CertificateExpiryLevel.Urgent);
        status.DaysLeft.ShouldBe(DemoStates.ExpiringCertificateDays);
    }

    private static async Task<Actor> ActorAsync(MysDbContext db, Role role)
    {
        var tckn = DemoData.Accounts.Single(a => a.Role == role).Tckn;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Tckn == tckn);
        return new Actor(user, await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == user.Id && a.RevokedAt == null).ToListAsync());
    }
}
