using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Audit;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.Audit;

/// <summary>The audit page's reading on the seeded demo organisation: who may read what, paging, names and filters.</summary>
public sealed class ReadAuditLogTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_system_administrator_reads_every_entry_a_page_at_a_time_newest_first()
    {
        var first = await ReadAsync(Role.SystemAdministrator, new AuditLogFilter(null, null, null, null, null, 1));
        var all = await CountAsync(_ => true);

        first.Total.ShouldBe(all);
        first.Rows.Count.ShouldBe(Math.Min(ReadAuditLog.PageSize, all));
        first.PageCount.ShouldBe((all + ReadAuditLog.PageSize - 1) / ReadAuditLog.PageSize);
        first.Rows.Select(r => r.Id).ShouldBeInOrder(SortDirection.Descending);

        var beyond = await ReadAsync(Role.SystemAdministrator, new AuditLogFilter(null, null, null, null, null, 10_000));
        beyond.PageNumber.ShouldBe(first.PageCount, "a page past the end shows the last page");
    }

    [Fact]
    public async Task An_identity_administrator_reads_only_their_units_and_others_are_refused()
    {
        var unit = await ReadAsync(Role.IdentityAdministrator, new AuditLogFilter(null, null, null, null, null, 1));
        unit.Total.ShouldBe(await CountAsync(e => e.UnitId == DemoData.SpendingUnitId));

        var actor = await fixture.ActorAsync(Role.DataEntryOfficer);
        var refused = await fixture.UseAsync<ReadAuditLog, Outcome<AuditLogPage>>(r => r.RunAsync(actor, new AuditLogFilter(null, null, null, null, null, 1), default));
        refused.Refusal.ShouldBe(ReadAuditLog.NotAllowed);
    }

    [Fact]
    public async Task Rows_name_people_and_orders_and_every_recorded_event_has_a_turkish_name()
    {
        var orders = await ReadAsync(Role.SystemAdministrator, new AuditLogFilter(null, null, null, null, "DEMO/0001", 1));
        orders.Total.ShouldBeGreaterThan(0);
        orders.Rows.ShouldAllBe(r => r.RecordName == "ÖEB" && r.Record.StartsWith("DEMO/0001", StringComparison.Ordinal));

        var roles = await ReadAsync(Role.SystemAdministrator, new AuditLogFilter(null, null, "Created", null, null, 1));
        roles.Rows.ShouldAllBe(r => r.Action == "Created" && r.EventName == "Kayıt oluşturuldu");
        var assignments = (await ReadAsync(Role.SystemAdministrator, new AuditLogFilter(null, null, null, null, null, 1))).Rows.Where(r => r.RecordName == "Rol ataması").ToList();
        assignments.ShouldContain(r => r.Record == "Ayşe Yılmaz · Veri Giriş Görevlisi");
        assignments.ShouldAllBe(r => r.Who == "Sistem");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<MysDbContext>().AuditEntries.Select(e => e.Action).Distinct().ToListAsync();
        actions.Where(a => !AuditEventNames.IsKnown(a)).ShouldBeEmpty("every event the system records has a Turkish name on the audit page");
    }

    private async Task<AuditLogPage> ReadAsync(Role role, AuditLogFilter filter)
    {
        var actor = await fixture.ActorAsync(role);
        var outcome = await fixture.UseAsync<ReadAuditLog, Outcome<AuditLogPage>>(r => r.RunAsync(actor, filter, default));
        return outcome.Value.ShouldNotBeNull();
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Infrastructure.Auditing.AuditEntry, bool>> where)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().AuditEntries.CountAsync(where);
    }
}
