using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>
/// What the unit's ÖEB list, the signing page and the attachment link read (pages only bind and show them), on the demo
/// organisation: who is refused, and that each answers from the unit's own ÖEBs only.
/// </summary>
public sealed class ReadingUseCaseTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly Guid Su1 = DemoData.SpendingUnitId;

    [Fact]
    public async Task The_list_shows_the_units_orders_newest_first_filters_by_state_and_refuses_the_accounting_unit()
    {
        var officer = await fixture.ActorAsync(Role.DataEntryOfficer);
        var (inUnit, states) = await OrdersOfUnitAsync();
        var someState = states.First();

        var all = (await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(l => l.RunAsync(officer, Su1, Filter(), 1, default))).Value.ShouldNotBeNull();
        var filtered = (await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(l => l.RunAsync(officer, Su1, Filter(someState), 1, default))).Value.ShouldNotBeNull();
        var formOnly = (await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(l => l.RunAsync(officer, Su1, null, 1, default))).Value.ShouldNotBeNull();
        var staff = await fixture.UseAsync<ListPaymentOrders, Outcome<PaymentOrderListPage>>(async l => await l.RunAsync(await fixture.ActorAsync(Role.AccountingStaff), Su1, Filter(), 1, default));

        all.Total.ShouldBe(inUnit.Count);
        all.Rows.Select(r => r.Id).ShouldBeSubsetOf(inUnit);
        all.Rows.Select(r => r.DocumentDate).ShouldBeInOrder(SortDirection.Descending);
        all.UnitName.ShouldNotBeNullOrEmpty();
        filtered.Rows.ShouldNotBeEmpty();
        filtered.Rows.ShouldAllBe(r => r.Status == someState);
        filtered.Total.ShouldBe(states.Count(s => s == someState));
        formOnly.Rows.ShouldBeEmpty();
        formOnly.Catalog.ExpenseTypes.ShouldNotBeEmpty("the refused filter's form still lists the expense types");
        staff.Refusal.ShouldBe(ViewPaymentOrder.NotOfTheUnit);
    }

    [Fact]
    public async Task The_signing_page_offers_only_the_orders_awaiting_the_signers_step_and_counts_unknown_ones()
    {
        var realization = await fixture.ActorAsync(Role.RealizationOfficer);
        var (inUnit, states) = await OrdersOfUnitAsync();
        var ids = inUnit.Append(Guid.NewGuid()).ToList();

        var review = await fixture.UseAsync<ReviewOrdersToSign, OrdersToSign>(r => r.RunAsync(realization, Su1, ids, default));

        review.NotFound.ShouldBe(1);
        review.ToSign.Count.ShouldBe(states.Count(s => s == PaymentOrderStatus.AwaitingRealizationSignature));
        review.ToSign.ShouldAllBe(r => r.Status == PaymentOrderStatus.AwaitingRealizationSignature && r.WhyNot == null);
        review.NotSignable.Count.ShouldBe(inUnit.Count - review.ToSign.Count);
        review.NotSignable.ShouldAllBe(r => r.WhyNot!.Contains("sizin imzanızı beklemiyor", StringComparison.Ordinal));
        review.Attachments.Keys.ShouldBe(review.ToSign.Select(r => r.Id), ignoreOrder: true);
        ReviewOrdersToSign.AwaitsSignatureOf(PaymentOrderStatus.AwaitingRealizationSignature, realization, DemoData.SiblingSpendingUnitId).ShouldBeFalse();
    }

    [Fact]
    public async Task An_attachment_opens_in_its_own_unit_only()
    {
        var officer = await fixture.ActorAsync(Role.DataEntryOfficer);
        Guid orderId, attachmentId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var order = (await scope.ServiceProvider.GetRequiredService<MysDbContext>().PaymentOrders.AsNoTracking()
                .Where(o => o.SpendingUnitId == Su1).ToListAsync()).First(o => o.Attachments.Count > 0);
            (orderId, attachmentId) = (order.Id, order.Attachments[0].Id);
        }

        var opened = await fixture.UseAsync<OpenAttachment, Outcome<OpenedAttachment>>(o => o.RunAsync(officer, Su1, orderId, attachmentId, default));
        var wrongUnit = await fixture.UseAsync<OpenAttachment, Outcome<OpenedAttachment>>(o => o.RunAsync(officer, DemoData.SiblingSpendingUnitId, orderId, attachmentId, default));
        var unknown = await fixture.UseAsync<OpenAttachment, Outcome<OpenedAttachment>>(o => o.RunAsync(officer, Su1, orderId, Guid.NewGuid(), default));

        var value = opened.Value.ShouldNotBeNull();
        await using (value.Content)
        {
            using var copy = new MemoryStream();
            await value.Content.CopyToAsync(copy);
            copy.Length.ShouldBeGreaterThan(0);
        }

        value.File.AttachmentId.ShouldBe(attachmentId);
        wrongUnit.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden, "the officer holds no role in the sibling unit");
        unknown.Refusal.ShouldBe(OpenAttachment.AttachmentNotFound);
    }

    private static PaymentOrderListFilter Filter(PaymentOrderStatus? status = null) => new(status, null, null, null, null, null, null, null);

    private async Task<(List<Guid> Ids, List<PaymentOrderStatus> States)> OrdersOfUnitAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MysDbContext>().PaymentOrders.AsNoTracking()
            .Where(o => o.SpendingUnitId == Su1).Select(o => new { o.Id, o.Status }).ToListAsync();
        return (rows.Select(r => r.Id).ToList(), rows.Select(r => r.Status).ToList());
    }
}
