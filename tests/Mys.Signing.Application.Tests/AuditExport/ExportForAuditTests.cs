using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Tests.Accounting;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Application.Seeding;

namespace Mys.Signing.Application.Tests.AuditExport;

/// <summary>Starting an export as the page does: only the unit's accounting officer, a valid period, something to export.</summary>
public sealed class ExportForAuditTests(AccountingAppFixture fx) : IClassFixture<AccountingAppFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    [Fact]
    public async Task The_officer_of_the_unit_starts_an_export_of_the_sent_oebs_and_it_is_audited()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var today = TurkeyTime.Today(TimeProvider.System);

        var started = await StartAsync(await fx.ActorAsync(Role.AccountingOfficer), Au1, today.AddDays(-1), today);

        var selection = started.Value.ShouldNotBeNull(started.Refusal?.Message);
        selection.PaymentOrderIds.ShouldContain(seeded.Id);
        selection.From.ShouldBe(today.AddDays(-1));
        (await DownloadsAsync(Au1)).ShouldBe(1);
    }

    [Theory]
    [InlineData(Role.AccountingStaff)]
    [InlineData(Role.SpendingAuthority)]
    public async Task No_one_but_the_unit_s_accounting_officer_may_export(Role role)
    {
        var today = TurkeyTime.Today(TimeProvider.System);
        var officer = await fx.ActorAsync(Role.AccountingOfficer);

        (await StartAsync(await fx.ActorAsync(role), Au1, today, today)).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        (await StartAsync(officer, DemoData.OtherAccountingUnitId, today, today)).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        (await DownloadsAsync(DemoData.OtherAccountingUnitId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_wrong_or_too_long_or_empty_period_is_refused_and_nothing_is_recorded()
    {
        var officer = await fx.ActorAsync(Role.AccountingOfficer);
        var day = new DateOnly(2021, 3, 1);
        var before = await DownloadsAsync(Au1);

        var missing = await StartAsync(officer, Au1, null, day);
        var reversed = await StartAsync(officer, Au1, day, day.AddDays(-1));
        var tooLong = await StartAsync(officer, Au1, day, day.AddDays(ExportForAudit.MaxDays));
        var longest = await StartAsync(officer, Au1, day, day.AddDays(ExportForAudit.MaxDays - 1));

        missing.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
        reversed.Refusal.ShouldNotBeNull().Message.ShouldBe("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        tooLong.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
        longest.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound, "a full year is allowed; nothing was sent in 2021");
        longest.Refusal.Message.ShouldBe("Bu dönemde birime gönderilmiş e-imzalı ÖEB yok.");
        (await DownloadsAsync(Au1)).ShouldBe(before);
    }

    private async Task<Outcome<AuditExportSelection>> StartAsync(Access.Actor actor, Guid unitId, DateOnly? from, DateOnly? to)
    {
        using var scope = fx.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ExportForAudit>().StartAsync(actor, unitId, from, to, default);
    }

    private async Task<int> DownloadsAsync(Guid unitId)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.AuditEntries.CountAsync(a => a.Action == "AuditExportDownloaded" && a.EntityId == unitId.ToString("D"));
    }
}
