using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class PaymentOrderRuleSetTests
{
    [Fact]
    public void The_default_set_covers_rs_r1_to_r11_except_the_untestable_and_po_each_with_a_clause()
    {
        var rules = PaymentOrderRuleSet.Default.Rules;

        rules.Select(r => r.Code).Order(StringComparer.Ordinal).ShouldBe(
            ["PO", "R1", "R10", "R11", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "RS"]);
        rules.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.Clause));
    }

    [Fact]
    public void A_valid_order_has_no_violations()
    {
        Evaluate(new PaymentOrderBuilder().Build()).IsSatisfied.ShouldBeTrue();
    }

    [Fact]
    public void Violations_of_several_rules_are_reported_together_with_sub_codes_of_their_rule()
    {
        var order = new PaymentOrderBuilder().WithoutPayee().WithAttachments(
            ScannedInvoice() with { DocumentTypeCode = DocumentTypeCodes.EInvoice },
            ScannedInvoice(number: null),
            SignedScan(DocumentTypeCodes.Payroll, isSigned: false)).Build();

        var report = Evaluate(order);

        report.Violations.Select(v => v.Code).ShouldBe(
        [
            PaymentOrderContentRule.PayeeMissing,
            StructuredFormatRule.UnstructuredForm,
            StructuredLinkRule.NotLinked,
            StructuredLinkRule.FileUploaded,
            SignedBeforeAttachingRule.NotSigned,
            InvoiceFieldsRule.InvoiceNoMissing,
            AllowedDocumentsRule.NotAllowed,
        ], ignoreOrder: true);
        var codesByRule = PaymentOrderRuleSet.Default.Rules.Select(r => r.Code + ".").ToList();
        report.Violations.ShouldAllBe(v => codesByRule.Any(prefix => v.Code.StartsWith(prefix, StringComparison.Ordinal)));
        report.Violations.ShouldAllBe(v => v.Message.Length > 0 && v.Path.Length > 0);
    }

    [Fact]
    public void A_custom_set_evaluates_only_its_rules()
    {
        var onlyR9 = new PaymentOrderRuleSet([new InvoiceFieldsRule()]);
        var order = new PaymentOrderBuilder().WithoutPayee().WithAttachments(ScannedInvoice(number: null)).Build();

        onlyR9.Evaluate(order, Context()).Violations.ShouldHaveSingleItem().Code.ShouldBe(InvoiceFieldsRule.InvoiceNoMissing);
    }
}
