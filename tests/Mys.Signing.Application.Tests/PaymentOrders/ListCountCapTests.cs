using System.Globalization;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>
/// The ÖEB list of a big unit (issue 21): the count stops at <see cref="ListPaymentOrders.CountCap"/> + 1 instead of
/// counting every ÖEB on every view, and the rows are still the newest first; a small filtered count stays exact.
/// </summary>
public sealed class ListCountCapTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_unit_with_more_orders_than_the_cap_shows_the_cap_plus_one_and_the_newest_page()
    {
        var officer = await fixture.ActorAsync(Role.DataEntryOfficer);
        var extra = ListPaymentOrders.CountCap + 100;
        await fixture.Database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO "PaymentOrders" ("Id", "Version", "Number", "DocumentDate", "BudgetYear", "SpendingUnitId", "AccountingUnitId",
                "ExpenseTypeCode", "GrossAmount", "AttachmentsDescription", "Status", "CreatedBy", "CreatedAt", "IsWetSigned",
                "Deduction_IncomeTaxWithholding", "Deduction_Other", "Deduction_SocialSecurity", "Deduction_StampDuty", "Deduction_VatWithholding",
                "Payee_Name", "Payee_TaxId", "Payee_Iban")
            SELECT gen_random_uuid(), 1, 'CAP/' || g, DATE '2030-01-01' + (g % 300), 2030, '{DemoData.SpendingUnitId}', '{DemoData.AccountingUnitId}',
                'ELEKTRIK', 100 + g, '', CASE WHEN g <= 7 THEN 7 ELSE 1 END, gen_random_uuid(), now(), false,
                0, 0, 0, 0, 0, 'Firma ' || g, '4540536920', 'TR330006100519786457841326'
            FROM generate_series(1, {extra}) AS g
            """));
        PaymentOrderListFilter Filter(Domain.PaymentOrders.PaymentOrderStatus? status = null, DateOnly? from = null) =>
            new(status, from, null, null, null, null, null, null);

        var all = (await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(l => l.RunAsync(officer, DemoData.SpendingUnitId, Filter(), 1, default))).Value.ShouldNotBeNull();
        var cancelled = (await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(
            l => l.RunAsync(officer, DemoData.SpendingUnitId, Filter(Domain.PaymentOrders.PaymentOrderStatus.Cancelled, new DateOnly(2030, 1, 1)), 1, default))).Value.ShouldNotBeNull();

        all.Total.ShouldBe(ListPaymentOrders.CountCap + 1);
        all.Capped.ShouldBeTrue();
        all.Rows.Count.ShouldBe(ListPaymentOrders.PageSize);
        all.Rows[0].DocumentDate.ShouldBe(new DateOnly(2030, 1, 1).AddDays(299));
        all.Rows.Select(r => r.DocumentDate).ShouldBeInOrder(SortDirection.Descending);
        cancelled.Total.ShouldBe(7);
        cancelled.Capped.ShouldBeFalse();
    }
}
