using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class DocumentChecklistTests
{
    [Fact]
    public void The_checklist_lists_each_requirement_of_the_expense_type_with_its_state()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementGoods)
            .WithAttachments(SystemProduced(DocumentTypeCodes.SpendingInstruction), ScannedInvoice()).Build();

        var checklist = PaymentOrderRuleSet.Checklist(order, Context());

        checklist.Select(i => (i.Key, i.IsPresent)).ShouldBe(
            [("HTOB", true), ("FATURA", true), ("PIYASA", false), ("MUAYENE", false), ("VIF", false)]);
        DocumentChecklist.Missing(order, SeedCatalog).Select(i => i.Key).ShouldBe(["PIYASA", "MUAYENE", "VIF"]);
    }

    [Fact]
    public void The_first_progress_payment_lists_the_commitment_file()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.WorksProgressPayment).WithContract("K-1", 1).WithAttachments(EInvoiceLink()).Build();

        DocumentChecklist.Missing(order, SeedCatalog).Select(i => i.Key).ShouldBe(["HAKEDIS", DocumentChecklist.CommitmentFileKey]);
    }

    [Fact]
    public void Later_progress_payments_do_not_list_the_commitment_file()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.WorksProgressPayment).WithContract("K-1", 2).WithAttachments(EInvoiceLink()).Build();

        DocumentChecklist.For(order, SeedCatalog).ShouldNotContain(i => i.Key == DocumentChecklist.CommitmentFileKey);
    }

    [Fact]
    public void Uncertain_requirements_are_marked_as_such()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.Salaries).WithAttachments().Build();

        DocumentChecklist.For(order, SeedCatalog).ShouldAllBe(i => i.IsUncertain);
    }

    [Fact]
    public void An_unknown_expense_type_has_an_empty_checklist()
    {
        DocumentChecklist.For(new PaymentOrderBuilder().WithExpenseType("YOK").Build(), SeedCatalog).ShouldBeEmpty();
    }

    [Fact]
    public void A_tutanak_the_rules_call_unsigned_is_not_ticked_and_a_signed_one_is()
    {
        var unsigned = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementGoods)
            .WithAttachments(ScannedInvoice(), SignedScan(DocumentTypeCodes.MarketResearch, isSigned: false)).Build();
        var context = Context();
        var violations = PaymentOrderRuleSet.Default.Evaluate(unsigned, context).Violations;

        var line = PaymentOrderRuleSet.Checklist(unsigned, context, violations).Single(i => i.Key == "PIYASA");

        violations.ShouldContain(v => v.Code == SignedBeforeAttachingRule.NotSigned);
        line.IsPresent.ShouldBeTrue();
        line.IsSatisfied.ShouldBeFalse();
        line.Problems.ShouldHaveSingleItem().Code.ShouldBe(SignedBeforeAttachingRule.NotSigned);

        var signed = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementGoods)
            .WithAttachments(ScannedInvoice(), SignedScan(DocumentTypeCodes.MarketResearch, isSigned: false), SignedScan(DocumentTypeCodes.MarketResearch)).Build();
        PaymentOrderRuleSet.Checklist(signed, context).Single(i => i.Key == "PIYASA").IsSatisfied.ShouldBeTrue("one signed tutanak satisfies the line");
    }

    [Fact]
    public void Every_ticked_line_has_no_violation_on_its_documents()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementGoods)
            .WithAttachments(SystemProduced(DocumentTypeCodes.SpendingInstruction), ScannedInvoice(number: null),
                SignedScan(DocumentTypeCodes.MarketResearch, isSigned: false), SignedScan(DocumentTypeCodes.AcceptanceReport)).Build();
        var context = Context();
        var violations = PaymentOrderRuleSet.Default.Evaluate(order, context).Violations;

        var checklist = PaymentOrderRuleSet.Checklist(order, context, violations);

        checklist.Where(i => i.IsSatisfied).Select(i => i.Key).ShouldBe(["HTOB", "MUAYENE"]);
        checklist.Single(i => i.Key == "FATURA").Problems.ShouldNotBeEmpty("the invoice without its number is attached but not accepted (R9)");
    }
}
