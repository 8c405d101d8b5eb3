using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class CommitmentFileRuleTests
{
    private static readonly CommitmentFileRule Rule = new();
    private static readonly Guid FirstOrder = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly FakeContractHistory History = new(("2025/7", FirstOrder, 1));

    private static PaymentOrderBuilder WorksPayment(int progress, Guid? reference, bool withCommitmentFile)
    {
        var builder = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.WorksProgressPayment).WithContract("2025/7", progress, reference);
        return withCommitmentFile
            ? builder.WithAttachments(SignedScan(DocumentTypeCodes.WorksProgressReport), EInvoiceLink(), SignedScan(DocumentTypeCodes.CommitmentFile, commitment: true))
            : builder.WithAttachments(SignedScan(DocumentTypeCodes.WorksProgressReport), EInvoiceLink());
    }

    private static List<RuleViolation> Run(PaymentOrder order, IContractHistory? history = null) => Tamper.Run(Rule, order, Context(history));

    [Fact]
    public void The_first_progress_payment_with_the_commitment_file_passes()
    {
        Run(WorksPayment(1, null, withCommitmentFile: true).Build()).ShouldBeEmpty();
    }

    [Fact]
    public void The_first_progress_payment_without_the_commitment_file_fails()
    {
        Run(WorksPayment(1, null, withCommitmentFile: false).Build()).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.CommitmentFileMissing);
    }

    [Fact]
    public void A_later_payment_referencing_the_carrier_passes()
    {
        Run(WorksPayment(2, FirstOrder, withCommitmentFile: false).Build(), History).ShouldBeEmpty();
    }

    [Fact]
    public void A_later_payment_that_sends_the_commitment_file_again_fails()
    {
        var violation = Run(WorksPayment(3, FirstOrder, withCommitmentFile: true).Build(), History).ShouldHaveSingleItem();

        violation.Code.ShouldBe(CommitmentFileRule.CommitmentFileRepeated);
        violation.Path.ShouldBe("attachments[2]");
    }

    [Fact]
    public void A_later_payment_without_a_reference_fails()
    {
        Run(WorksPayment(2, null, withCommitmentFile: false).Build(), History).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.ReferenceMissing);
    }

    [Fact]
    public void A_later_payment_referencing_another_order_fails()
    {
        Run(WorksPayment(2, Guid.NewGuid(), withCommitmentFile: false).Build(), History).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.ReferenceWrong);
    }

    [Fact]
    public void A_later_payment_on_a_contract_whose_commitment_file_was_never_sent_fails()
    {
        Run(WorksPayment(2, FirstOrder, withCommitmentFile: false).Build()).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.NoEarlierCommitment);
    }

    [Fact]
    public void A_second_first_payment_on_the_same_contract_fails()
    {
        Run(WorksPayment(1, null, withCommitmentFile: true).Build(), History).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.CommitmentFileAlreadySent);
    }

    [Fact]
    public void A_new_version_of_the_first_payment_is_not_its_own_earlier_payment()
    {
        var order = WorksPayment(1, null, withCommitmentFile: true).WithId(FirstOrder).Build();

        Run(order, History).ShouldBeEmpty();
    }

    [Fact]
    public void A_contract_based_payment_needs_a_contract_reference()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.ServiceProgressPayment).Build();

        Run(order).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.ContractMissing);
    }

    [Fact]
    public void A_commitment_file_outside_any_contract_is_flagged()
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), SignedScan(DocumentTypeCodes.CommitmentFile, commitment: true)).Build();

        Run(order).ShouldHaveSingleItem().Code.ShouldBe(CommitmentFileRule.ContractMissing);
    }

    [Fact]
    public void Non_contract_expense_types_are_not_its_concern()
    {
        Run(new PaymentOrderBuilder().Build()).ShouldBeEmpty();
    }

    [Fact]
    public void The_whole_rule_set_accepts_a_valid_first_and_later_works_payment()
    {
        Evaluate(WorksPayment(1, null, withCommitmentFile: true).Build()).Violations.ShouldBeEmpty();
        Evaluate(WorksPayment(2, FirstOrder, withCommitmentFile: false).Build(), History).Violations.ShouldBeEmpty();
    }
}
