using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Home;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.Home;

/// <summary>
/// The start page's counts on the seeded demo organisation and a real PostgreSQL: each role sees the work of its own
/// step in its own unit, and a new ÖEB moves exactly the counts of the people it now waits for.
/// </summary>
public sealed class ShowStartPageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly Guid Su1 = DemoData.SpendingUnitId;

    [Fact]
    public async Task Each_role_sees_the_count_of_its_own_step_in_its_own_unit()
    {
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var before = await CountsAsync();

        await seeder.SeedDraftAsync();
        await seeder.SeedAwaitingRealizationAsync();
        await seeder.SeedAwaitingRealizationAsync();
        var after = await CountsAsync();

        after[(Role.DataEntryOfficer, WorkKind.Draft)].ShouldBe(before[(Role.DataEntryOfficer, WorkKind.Draft)] + 1);
        after[(Role.RealizationOfficer, WorkKind.AwaitingMySignature)].ShouldBe(before[(Role.RealizationOfficer, WorkKind.AwaitingMySignature)] + 2);
        after[(Role.SpendingAuthority, WorkKind.AwaitingMySignature)].ShouldBe(before[(Role.SpendingAuthority, WorkKind.AwaitingMySignature)]);
        after[(Role.AccountingOfficer, WorkKind.Inbox)].ShouldBe(before[(Role.AccountingOfficer, WorkKind.Inbox)]);

        // The counts are the database's, per unit and state (nothing cached, nothing of another unit).
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        after[(Role.RealizationOfficer, WorkKind.AwaitingMySignature)].ShouldBe(
            await db.PaymentOrders.CountAsync(o => o.SpendingUnitId == Su1 && o.Status == PaymentOrderStatus.AwaitingRealizationSignature));
        after[(Role.DataEntryOfficer, WorkKind.Draft)].ShouldBe(
            await db.PaymentOrders.CountAsync(o => o.SpendingUnitId == Su1 && o.Status == PaymentOrderStatus.Draft));
    }

    [Fact]
    public async Task A_returned_order_waits_for_data_entry_until_its_new_version_is_started()
    {
        var before = await CountsAsync();
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var (id, _) = await seeder.SeedDraftAsync();
        await SqlAsync($"UPDATE \"PaymentOrders\" SET \"Status\" = {(int)PaymentOrderStatus.Returned} WHERE \"Id\" = '{id}'");

        var returned = await CountsAsync();
        returned[(Role.DataEntryOfficer, WorkKind.Returned)].ShouldBe(before[(Role.DataEntryOfficer, WorkKind.Returned)] + 1);
        returned[(Role.DataEntryOfficer, WorkKind.Draft)].ShouldBe(before[(Role.DataEntryOfficer, WorkKind.Draft)]);

        var (next, _) = await seeder.SeedDraftAsync(); // stands for the new version
        await SqlAsync($"UPDATE \"PaymentOrders\" SET \"NextVersionId\" = '{next}' WHERE \"Id\" = '{id}'");
        var continued = await CountsAsync();
        continued[(Role.DataEntryOfficer, WorkKind.Returned)].ShouldBe(before[(Role.DataEntryOfficer, WorkKind.Returned)]);
        continued[(Role.DataEntryOfficer, WorkKind.Draft)].ShouldBe(before[(Role.DataEntryOfficer, WorkKind.Draft)] + 1);
    }

    [Fact]
    public async Task The_identity_administrator_sees_signers_and_people_of_the_unit_and_nobody_sees_another_role()
    {
        var admin = await WorkAsync(Role.IdentityAdministrator);
        admin.Select(w => w.Kind).ShouldBe([WorkKind.CertificatesNeedingAttention, WorkKind.UsersWithoutRole]);
        admin.ShouldAllBe(w => w.UnitId == Su1 && w.UnitName == DemoData.SpendingUnitName);

        var system = await WorkAsync(Role.SystemAdministrator);
        system.ShouldAllBe(w => w.Role == Role.SystemAdministrator); // the organisation's counts (SystemAdministratorStartPageTests)
        var staff = await WorkAsync(Role.AccountingStaff);
        staff.ShouldHaveSingleItem().Kind.ShouldBe(WorkKind.Inbox);
        staff[0].UnitId.ShouldBe(DemoData.AccountingUnitId);
    }

    private async Task SqlAsync(string sql)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MysDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<IReadOnlyList<WaitingWork>> WorkAsync(Role role)
    {
        Actor actor = await fixture.ActorAsync(role);
        return await fixture.UseAsync<ShowStartPage, IReadOnlyList<WaitingWork>>(s => s.RunAsync(actor, default));
    }

    private async Task<Dictionary<(Role, WorkKind), int>> CountsAsync()
    {
        var counts = new Dictionary<(Role, WorkKind), int>();
        foreach (var role in new[] { Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer })
        {
            foreach (var work in await WorkAsync(role))
            {
                work.Role.ShouldBe(role);
                counts[(role, work.Kind)] = work.Count;
            }
        }

        return counts;
    }
}
