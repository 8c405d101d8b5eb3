using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class AllowedDocumentsRuleTests
{
    private static readonly AllowedDocumentsRule Rule = new();

    private static PaymentOrderBuilder DirectServices(params Mys.Signing.Domain.PaymentOrders.SupportingDocumentSpec[] extra) =>
        new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementServices).WithAttachments(
        [
            SystemProduced(DocumentTypeCodes.SpendingInstruction),
            SignedScan(DocumentTypeCodes.MarketResearch),
            SignedScan(DocumentTypeCodes.AcceptanceReport),
            EInvoiceLink(),
            .. extra,
        ]);

    [Fact]
    public void A_complete_set_of_allowed_documents_passes()
    {
        Tamper.Run(Rule, DirectServices(SignedScan(DocumentTypeCodes.Contract)).Build()).ShouldBeEmpty();
    }

    [Fact]
    public void A_document_type_not_allowed_for_the_expense_type_is_rejected()
    {
        var violation = Tamper.Run(Rule, DirectServices(SystemProduced(DocumentTypeCodes.AssetVoucher, "VIF-1")).Build()).ShouldHaveSingleItem();

        violation.Code.ShouldBe(AllowedDocumentsRule.NotAllowed);
        violation.Path.ShouldBe("attachments[4].documentType");
        violation.Message.ShouldContain("Varlık İşlem Fişi");
    }

    [Fact]
    public void A_payroll_cannot_be_attached_to_an_electricity_bill()
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), SignedScan(DocumentTypeCodes.Payroll)).Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(AllowedDocumentsRule.NotAllowed);
    }

    [Fact]
    public void An_unknown_document_type_is_rejected()
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), SignedScan("FOTOGRAF")).Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(AllowedDocumentsRule.UnknownDocumentType);
    }

    [Fact]
    public void An_unknown_expense_type_is_rejected()
    {
        var order = new PaymentOrderBuilder().WithExpenseType("YOK").Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(AllowedDocumentsRule.UnknownExpenseType);
    }

    [Fact]
    public void Each_missing_confirmed_requirement_is_reported()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementServices).WithAttachments(EInvoiceLink()).Build();

        var violations = Tamper.Run(Rule, order);

        violations.Count.ShouldBe(3); // HTOB, market research, acceptance report
        violations.ShouldAllBe(v => v.Code == AllowedDocumentsRule.RequiredMissing && v.Path == "attachments");
        violations.ShouldContain(v => v.Message.Contains("Harcama Talimatı Onay Belgesi", StringComparison.Ordinal));
    }

    [Fact]
    public void Utilities_need_no_spending_instruction()
    {
        Tamper.Run(Rule, new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.Water).Build()).ShouldBeEmpty();
    }

    [Fact]
    public void Either_kind_of_invoice_satisfies_the_invoice_requirement()
    {
        Tamper.Run(Rule, new PaymentOrderBuilder().WithAttachments(ScannedInvoice()).Build()).ShouldBeEmpty();
        Tamper.Run(Rule, new PaymentOrderBuilder().WithAttachments().Build()).ShouldHaveSingleItem().Code.ShouldBe(AllowedDocumentsRule.RequiredMissing);
    }

    [Fact]
    public void Requirements_from_unconfirmed_sources_are_not_enforced()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.Salaries).WithAttachments().Build();

        Tamper.Run(Rule, order).ShouldBeEmpty();
    }
}
