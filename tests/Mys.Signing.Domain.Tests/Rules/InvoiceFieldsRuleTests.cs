using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class InvoiceFieldsRuleTests
{
    private static readonly InvoiceFieldsRule Rule = new();

    private static List<RuleViolation> Run(InvoiceDetails details, RuleOptions? options = null)
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), ScannedInvoice(details.InvoiceNumber, details.SupplierTaxId, details.InvoiceDate)).Build();
        order.ChangeInvoiceDetails(order.Attachments[1].Id, details);
        return Tamper.Run(Rule, order, Context(options: options));
    }

    [Theory]
    [InlineData(ValidVkn)]
    [InlineData(ValidTckn)]
    public void A_complete_invoice_with_a_valid_vkn_or_tckn_passes(string supplier)
    {
        Run(new InvoiceDetails("ABC2025000000001", supplier, new DateOnly(2025, 6, 1))).ShouldBeEmpty();
    }

    [Fact]
    public void All_three_missing_fields_are_reported_at_once_with_their_paths()
    {
        var violations = Run(new InvoiceDetails(" ", null, null));

        violations.Select(v => (v.Code, v.Path)).ShouldBe(
        [
            (InvoiceFieldsRule.InvoiceNoMissing, "attachments[1].invoiceNo"),
            (InvoiceFieldsRule.SupplierIdMissing, "attachments[1].supplierTaxId"),
            (InvoiceFieldsRule.InvoiceDateMissing, "attachments[1].invoiceDate"),
        ]);
    }

    [Theory]
    [InlineData("4540536921")]
    [InlineData("12345678901")]
    [InlineData("123456789")]
    [InlineData("ABCDEFGHIJ")]
    public void An_invalid_supplier_id_is_reported(string supplier)
    {
        var violation = Run(new InvoiceDetails("A1", supplier, new DateOnly(2025, 6, 1))).ShouldHaveSingleItem();

        violation.Code.ShouldBe(InvoiceFieldsRule.SupplierIdInvalid);
        violation.Message.ShouldStartWith("Firma VKN / Kişi TCKN geçersiz");
    }

    [Fact]
    public void An_overlong_invoice_number_is_reported()
    {
        Run(new InvoiceDetails(new string('9', 51), ValidVkn, new DateOnly(2025, 6, 1))).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceNoTooLong);
    }

    [Fact]
    public void An_invoice_dated_after_today_is_refused_but_today_is_fine()
    {
        Run(new InvoiceDetails("A1", ValidVkn, Today.AddDays(1))).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceDateFuture);
        Run(new InvoiceDetails("A1", ValidVkn, Today)).ShouldBeEmpty();
    }

    [Fact]
    public void By_default_an_invoice_may_be_dated_back_to_the_start_of_the_previous_budget_year()
    {
        Run(new InvoiceDetails("A1", ValidVkn, new DateOnly(2024, 1, 1))).ShouldBeEmpty();
        Run(new InvoiceDetails("A1", ValidVkn, new DateOnly(2023, 12, 31))).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceDateTooOld);
    }

    [Fact]
    public void The_age_limit_is_configurable()
    {
        var twoYears = new RuleOptions { MaxInvoiceAgeYears = 2 };
        var none = new RuleOptions { MaxInvoiceAgeYears = 0 };

        Run(new InvoiceDetails("A1", ValidVkn, new DateOnly(2023, 12, 31)), twoYears).ShouldBeEmpty();
        Run(new InvoiceDetails("A1", ValidVkn, new DateOnly(2024, 12, 31)), none).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceDateTooOld);
    }

    [Fact]
    public void The_rule_uses_the_clock_given_to_the_context()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(date: new DateOnly(2025, 6, 1))).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 31, 20, 59, 0, TimeSpan.Zero)); // 31 May 23:59 in Turkey

        var context = RuleContext.Create(Fixtures.SeedCatalog, EmptyContractHistory.Instance, RuleOptions.Default, clock);

        context.Today.ShouldBe(new DateOnly(2025, 5, 31));
        Tamper.Run(Rule, order, context).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceDateFuture);
    }

    [Fact]
    public void A_stale_attachments_description_is_reported()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice()).Build();
        Tamper.Run(Rule, order).ShouldBeEmpty();

        Tamper.Set(order, nameof(PaymentOrder.AttachmentsDescription), "Fatura No: başka");

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.DescriptionStale);
    }

    [Fact]
    public void E_faturas_need_none_of_these_fields()
    {
        Tamper.Run(Rule, new PaymentOrderBuilder().Build()).ShouldBeEmpty();
    }
}
