using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Organisation;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;

namespace Mys.Signing.Infrastructure.Tests.PaymentOrders;

/// <summary>
/// The inbox query's two shapes give the same answers: a text search with few matches (read once, counted and paged
/// in memory) and every other filter (capped counts + an ordered page in SQL), including ties in sending time.
/// </summary>
public sealed class AccountingInboxQueryTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private const int Rows = 7000;

    // The class's tests share one database: each seeds units of its own, so their codes must differ (random ones collided).
    private static int _seeds;

    [Fact]
    public async Task A_selective_text_search_counts_exactly_and_pages_in_the_database_order()
    {
        var (au, _) = await SeedAsync();
        await using var db = fixture.NewContext();

        // "Hak 1…" matches 1,111 of 7,000: the in-memory path.
        var page = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au, PayeeContains: "hak 1"), 3, 25, default);

        var all = db.PaymentOrders.AsNoTracking().Where(o => o.AccountingUnitId == au && o.SentAt != null && EF.Functions.ILike(o.Payee!.Name, "Hak 1%"));
        foreach (var state in AccountingInboxQuery.InboxStates)
        {
            page.Counts[state].ShouldBe(await all.CountAsync(o => o.Status == state));
        }

        page.Capped.ShouldBeFalse();
        page.Total.ShouldBe(1111);
        var expected = await all.OrderByDescending(o => o.SentAt).ThenByDescending(o => o.Id).Skip(50).Take(25).Select(o => o.Id).ToListAsync();
        page.Rows.Select(r => r.Id).ShouldBe(expected);
    }

    [Fact]
    public async Task A_text_search_with_a_state_pages_only_that_state_and_escapes_like_wildcards()
    {
        var (au, _) = await SeedAsync();
        await using var db = fixture.NewContext();

        var page = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au, PaymentOrderStatus.Accepted, PayeeContains: "hak 2"), 1, 25, default);
        var literal = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au, PayeeContains: "50%"), 1, 25, default);

        page.Counts.Keys.ShouldBe([PaymentOrderStatus.Accepted]);
        page.Rows.ShouldAllBe(r => r.Status == PaymentOrderStatus.Accepted && r.PayeeName!.StartsWith("Hak 2", StringComparison.Ordinal));
        page.Rows.Count.ShouldBe(25);
        literal.Total.ShouldBe(1);
        literal.Rows.Single().PayeeName.ShouldBe("Hak 50% indirim");
    }

    [Fact]
    public async Task An_unselective_text_search_falls_back_to_capped_counts_as_without_text()
    {
        var (au, spending) = await SeedAsync();
        await using var db = fixture.NewContext();

        var byText = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au, PayeeContains: "hak"), 2, 25, default);
        var plain = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au), 2, 25, default);
        var unit = await AccountingInboxQuery.RunAsync(db, new AccountingInboxFilter(au, SpendingUnitId: spending), 1, 25, default);

        byText.Counts.ShouldBe(plain.Counts);
        byText.Capped.ShouldBeTrue();
        byText.Counts.Values.ShouldAllBe(c => c == AccountingInboxQuery.CountCap + 1);
        byText.Rows.Select(r => r.Id).ShouldBe(plain.Rows.Select(r => r.Id));
        unit.Rows.ShouldAllBe(r => r.SpendingUnitId == spending);
        unit.Rows.Select(r => r.SentAt).ShouldBeInOrder(SortDirection.Descending);
    }

    // 7,000 sent ÖEBs in a new accounting unit: payees "Hak N" (one "Hak 50% indirim"), states cycling, two ÖEBs per sending time.
    private async Task<(Guid AccountingUnit, Guid SpendingUnit)> SeedAsync()
    {
        var institution = Guid.NewGuid();
        var au = Guid.NewGuid();
        var su = Guid.NewGuid();
        var code = (100 + (11 * Interlocked.Increment(ref _seeds))).ToString(CultureInfo.InvariantCulture);
        await using (var db = fixture.NewContext())
        {
            db.Institutions.Add(Institution.Create(institution, "Gelen kutusu").Value);
            db.AccountingUnits.Add(AccountingUnit.Create(au, institution, "Gelen Kutusu Muhasebe", $"78.{code[..2]}.{code}").Value);
            db.SpendingUnits.Add(SpendingUnit.Create(su, institution, "Gelen Kutusu Harcama", $"78.10.00.{code[..2]}", au).Value);
            await db.SaveChangesAsync();
        }

        await fixture.Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "PaymentOrders" ("Id", "Version", "Number", "DocumentDate", "BudgetYear", "SpendingUnitId", "AccountingUnitId",
                "ExpenseTypeCode", "GrossAmount", "AttachmentsDescription", "Status", "CreatedBy", "CreatedAt", "IsWetSigned", "SentAt",
                "Deduction_IncomeTaxWithholding", "Deduction_Other", "Deduction_SocialSecurity", "Deduction_StampDuty", "Deduction_VatWithholding",
                "Payee_Name", "Payee_TaxId", "Payee_Iban")
            SELECT gen_random_uuid(), 1, 'GK/' || g, DATE '2026-01-01', 2026, '{su}', '{au}', 'ELEKTRIK', 100, '', 4 + (g % 3), gen_random_uuid(), now(), false,
                TIMESTAMPTZ '2026-11-01 00:00:00+00' - make_interval(secs => (g / 2) * 60), 0, 0, 0, 0, 0,
                CASE WHEN g = 50 THEN 'Hak 50% indirim' ELSE 'Hak ' || g END, '4540536920', 'TR330006100519786457841326'
            FROM generate_series(1, {Rows}) AS g;
            ANALYZE "PaymentOrders";
            """));
        return (au, su);
    }
}
