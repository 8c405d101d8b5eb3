using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class PaymentOrderEditingTests
{
    private static Result<PaymentOrder> Create(int year = 2025, string? expenseType = "ELEKTRIK", Actor? actor = null) =>
        PaymentOrder.Create(Guid.NewGuid(), DocumentNumber.From("1"), new DateOnly(2025, 1, 2), year, SpendingUnit, AccountingUnit, expenseType, actor ?? DataEntry, Now);

    [Fact]
    public void Create_records_the_header_and_the_preparer()
    {
        var order = Create().Value;

        order.BudgetYear.ShouldBe(2025);
        order.SpendingUnitId.ShouldBe(SpendingUnit);
        order.AccountingUnitId.ShouldBe(AccountingUnit);
        order.CreatedBy.ShouldBe(DataEntry.UserId);
        order.Deductions.ShouldBe(Deductions.None);
        order.NetPayable.ShouldBe(Money.Zero);
    }

    [Theory]
    [InlineData(1999, "ELEKTRIK", "PO_BUDGET_YEAR")]
    [InlineData(2025, " ", "PO_EXPENSE_TYPE")]
    [InlineData(2025, null, "PO_EXPENSE_TYPE")]
    public void Create_refuses_bad_header_values(int year, string? expenseType, string code)
    {
        Create(year, expenseType).Error!.Code.ShouldBe(code);
    }

    [Fact]
    public void Only_preparers_create_orders()
    {
        Should.Throw<DomainException>(() => Create(actor: Authority)).Code.ShouldBe("PO_ROLE");
        Create(actor: Realization).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Net_payable_is_gross_minus_all_deductions()
    {
        var order = Create().Value;
        var deductions = Deductions.Create(Money.From(18m), Money.From(9.48m), Money.From(50m), Money.From(10m), Money.From(2.52m)).Value;

        order.SetAmounts(Money.From(1000m), deductions).IsSuccess.ShouldBeTrue();

        deductions.Total.ShouldBe(Money.From(90m));
        order.NetPayable.ShouldBe(Money.From(910m));
    }

    [Fact]
    public void Negative_gross_amounts_and_deductions_are_refused()
    {
        var order = Create().Value;

        order.SetAmounts(Money.From(-1m), Deductions.None).Error!.Code.ShouldBe("PO_GROSS_NEGATIVE");
        Deductions.Create(other: Money.From(-0.01m)).Error!.Code.ShouldBe("DEDUCTION_NEGATIVE");
        order.GrossAmount.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Lines_are_added_and_removed_by_position()
    {
        var order = Create().Value;
        order.AddLine(AccountingLine.Debit("630", 10m));
        order.AddLine(AccountingLine.Credit("320", 10m));

        order.RemoveLineAt(0);

        order.Lines.ShouldHaveSingleItem().Side.ShouldBe(AccountSide.Credit);
        Should.Throw<DomainException>(() => order.RemoveLineAt(5)).Code.ShouldBe("PO_LINE_NOT_FOUND");
    }

    [Fact]
    public void Attachments_get_their_entry_position_and_a_removal_does_not_reuse_it()
    {
        var order = Create().Value;
        var first = Attachment(ScannedInvoice("A1"));
        var second = Attachment(ScannedInvoice("A2"));
        order.AddAttachment(first);
        order.AddAttachment(second);
        order.AddAttachment(Attachment(EInvoiceLink()));

        order.RemoveAttachment(second.Id);
        var last = Attachment(ScannedInvoice("A4"));
        order.AddAttachment(last);

        order.Attachments.Select(a => a.Position).ShouldBe([0, 2, 3]);
        order.Attachments[^1].ShouldBeSameAs(last);
        order.AttachmentsDescription.Split('\n').Select(l => l[..13]).ShouldBe(["Fatura No: A1", "Fatura No: A4"]);
    }

    [Fact]
    public void The_same_attachment_cannot_be_added_twice()
    {
        var order = Create().Value;
        var attachment = Attachment(EInvoiceLink());
        order.AddAttachment(attachment);

        Should.Throw<DomainException>(() => order.AddAttachment(attachment)).Code.ShouldBe("PO_ATTACHMENT_DUPLICATE");
        Should.Throw<DomainException>(() => order.RemoveAttachment(Guid.NewGuid())).Code.ShouldBe("PO_ATTACHMENT_NOT_FOUND");
    }

    [Fact]
    public void Collections_are_exposed_read_only()
    {
        var order = new PaymentOrderBuilder().Build();

        (order.Lines is List<AccountingLine>).ShouldBeFalse();
        order.Attachments.ShouldBeAssignableTo<IReadOnlyList<SupportingDocument>>();
        Should.Throw<NotSupportedException>(() => ((ICollection<SupportingDocument>)order.Attachments).Clear());
    }

    [Fact]
    public void Description_is_trimmed_and_blank_clears_it()
    {
        var order = Create().Value;

        order.SetDescription("  Fatura bedeli ");
        order.Description.ShouldBe("Fatura bedeli");
        order.SetDescription("   ");
        order.Description.ShouldBeNull();
    }
}
