using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Home;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.Home;

/// <summary>
/// The system administrator's start page on the seeded demo organisation and a real PostgreSQL: the units, the people
/// without any role and, per unit, the signers whose certificate needs attention, counted over the whole organisation.
/// </summary>
public sealed class SystemAdministratorStartPageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_system_administrator_sees_the_units_and_the_people_without_a_role_of_the_whole_organisation()
    {
        var before = await WorkAsync(Role.SystemAdministrator);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var units = await db.SpendingUnits.CountAsync() + await db.AccountingUnits.CountAsync();

        before.Single(w => w.Kind == WorkKind.Units).Count.ShouldBe(units);
        before.Single(w => w.Kind == WorkKind.Units).UnitName.ShouldBe(SystemAdministratorWork.WholeOrganisation);
        var withoutRole = before.Single(w => w.Kind == WorkKind.UsersWithoutAnyRole).Count;

        // The accounting staff member loses their only role: one more person without any role.
        var staff = DemoData.Accounts.Single(a => a.Role == Role.AccountingStaff).Tckn;
        await db.Database.ExecuteSqlAsync($"UPDATE \"RoleAssignments\" SET \"RevokedAt\" = now() WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Tckn\" = {staff})");

        var after = await WorkAsync(Role.SystemAdministrator);
        after.Single(w => w.Kind == WorkKind.UsersWithoutAnyRole).Count.ShouldBe(withoutRole + 1);
    }

    [Fact]
    public async Task Signers_needing_a_certificate_are_counted_per_unit_as_the_units_identity_administrator_counts_them()
    {
        var system = await WorkAsync(Role.SystemAdministrator);
        var identity = await WorkAsync(Role.IdentityAdministrator);

        var spendingUnit = identity.Single(w => w.Kind == WorkKind.CertificatesNeedingAttention).Count;
        spendingUnit.ShouldBeGreaterThan(0, "the demo's signers have no certificate seen yet");
        var perUnit = system.Where(w => w.Kind == WorkKind.CertificatesNeedingAttention).ToList();
        perUnit.Single(w => w.UnitId == DemoData.SpendingUnitId).Count.ShouldBe(spendingUnit);
        perUnit.Single(w => w.UnitId == DemoData.SpendingUnitId).UnitName.ShouldBe(DemoData.SpendingUnitName);
        perUnit.ShouldContain(w => w.UnitId == DemoData.AccountingUnitId, "the accounting officer signs too");
        perUnit.ShouldAllBe(w => w.Count > 0);
    }

    private async Task<IReadOnlyList<WaitingWork>> WorkAsync(Role role)
    {
        var actor = await fixture.ActorAsync(role);
        return await fixture.UseAsync<ShowStartPage, IReadOnlyList<WaitingWork>>(start => start.RunAsync(actor, default));
    }
}
