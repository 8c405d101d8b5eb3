using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>The ÖEB form: a new draft, and a draft changed from a fresh or a stale form.</summary>
public sealed partial class DataEntryUseCaseTests
{
    [Fact]
    public async Task A_data_entry_officer_creates_a_draft_in_their_unit_once_per_number_and_no_one_else_does()
    {
        var template = (await UseAsync<EditPaymentOrder, Outcome<EditedOrder>>(
            async e => await e.OpenAsync(await ActorAsync(Role.DataEntryOfficer), Su1, await DraftAsync(withEInvoiceLink: false), default))).Value.ShouldNotBeNull().Order;
        var number = DocumentNumber.Parse("YENI/" + Guid.NewGuid().ToString("N")[..8]).Value;
        var content = ContentOf(template) with { Number = number };
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var created = await UseAsync<CreatePaymentOrder, Outcome<PaymentOrder>>(c => c.RunAsync(actor, Su1, template.BudgetYear, content, default));
        var again = await UseAsync<CreatePaymentOrder, Outcome<PaymentOrder>>(c => c.RunAsync(actor, Su1, template.BudgetYear, content, default));
        var bySigner = await UseAsync<CreatePaymentOrder, Outcome<PaymentOrder>>(
            async c => await c.RunAsync(await ActorAsync(Role.RealizationOfficer), Su1, template.BudgetYear, content, default));
        var otherUnit = await UseAsync<CreatePaymentOrder, Outcome<PaymentOrder>>(
            c => c.RunAsync(actor, DemoData.SiblingSpendingUnitId, template.BudgetYear, content, default));

        var order = created.Value.ShouldNotBeNull();
        (await StatusAsync(order.Id)).ShouldBe(PaymentOrderStatus.Draft);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderLines\" WHERE \"PaymentOrderId\" = '{order.Id}'")).ShouldBe(template.Lines.Count);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"EntityType\" = 'PaymentOrder' AND \"Action\" = 'Created' AND \"EntityId\" = '{order.Id}'"))
            .ShouldBe(1);
        again.Refusal.ShouldBe(PaymentOrderContent.DuplicateNumber);
        bySigner.Refusal.ShouldBe(DataEntryOrders.NotDataEntryOfficer);
        otherUnit.Refusal.ShouldBe(DataEntryOrders.NotDataEntryOfficer);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrders\" WHERE \"Number\" = '{number.Value}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_form_read_before_an_edit_of_the_lines_alone_is_refused_and_the_draft_keeps_the_newer_content()
    {
        var id = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var read = (await UseAsync<EditPaymentOrder, Outcome<EditedOrder>>(e => e.OpenAsync(actor, Su1, id, default))).Value.ShouldNotBeNull();
        var content = ContentOf(read.Order);
        var fewerLines = content with { Lines = [.. content.Lines.Skip(1).Select(l => AccountingLine.Create(l.Account, l.Side, l.Amount).Value)] };

        var first = await UseAsync<EditPaymentOrder, Outcome<PaymentOrder>>(e => e.RunAsync(actor, Su1, id, read.FormVersion, fewerLines, default));
        var stale = await UseAsync<EditPaymentOrder, Outcome<PaymentOrder>>(
            e => e.RunAsync(actor, Su1, id, read.FormVersion, content with { Description = "eski formdan" }, default));

        first.Succeeded.ShouldBeTrue();
        stale.Refusal.ShouldNotBeNull().Code.ShouldBe("stale");
        stale.Refusal.Message.ShouldBe(PaymentOrderContent.StaleMessage);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderLines\" WHERE \"PaymentOrderId\" = '{id}'")).ShouldBe(content.Lines.Count - 1);
        (await fixture.Database.ScalarAsync<string>($"SELECT COALESCE(\"Description\", '') FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'")).ShouldNotBe("eski formdan");

        var fresh = await UseAsync<EditPaymentOrder, Outcome<PaymentOrder>>(
            async e => await e.RunAsync(actor, Su1, id, await VersionAsync(id), content with { Description = "güncel formdan" }, default));

        fresh.Succeeded.ShouldBeTrue();
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Description\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'")).ShouldBe("güncel formdan");
    }

    [Fact]
    public async Task A_submitted_order_is_not_edited()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        (await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(actor, Su1, id, await VersionAsync(id), default)))
            .Value.ShouldNotBeNull().Submitted.ShouldBeTrue();
        var read = (await UseAsync<EditPaymentOrder, Outcome<EditedOrder>>(e => e.OpenAsync(actor, Su1, id, default))).Value.ShouldNotBeNull();

        var edited = await UseAsync<EditPaymentOrder, Outcome<PaymentOrder>>(
            e => e.RunAsync(actor, Su1, id, read.FormVersion, ContentOf(read.Order) with { Description = "imzadan sonra" }, default));

        edited.Refusal.ShouldNotBeNull().Message.ShouldBe("ÖEB 'Gerçekleştirme Görevlisi İmzası Bekleniyor' durumunda; artık değiştirilemez.");
        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
    }

    private static PaymentOrderContent ContentOf(PaymentOrder order) => new(
        order.Number, order.DocumentDate, order.ExpenseTypeCode, order.Classification, [.. order.Lines], order.Payee, order.GrossAmount, order.Deductions,
        order.Description, order.Contract);
}
