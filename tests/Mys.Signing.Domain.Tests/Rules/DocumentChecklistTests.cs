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
}
