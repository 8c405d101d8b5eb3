using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class PaymentOrderLifecycleTests
{
    private static PaymentOrder Submitted()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    private static PaymentOrder RealizationSigned()
    {
        var order = Submitted();
        order.RecordRealizationSignature(Realization, Now, "sig-1", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    private static PaymentOrder Sent()
    {
        var order = RealizationSigned();
        order.RecordSpendingAuthoritySignature(Authority, Now, "sig-2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    [Fact]
    public void A_new_order_is_a_draft_of_version_one()
    {
        var order = new PaymentOrderBuilder().Build();

        order.Status.ShouldBe(PaymentOrderStatus.Draft);
        order.Version.ShouldBe(1);
        order.IsEditable.ShouldBeTrue();
    }

    [Fact]
    public void The_happy_path_goes_from_draft_to_accepted()
    {
        var order = Sent();
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.SentAt.ShouldBe(Now);
        order.RealizationSignature!.SignerId.ShouldBe(Realization.UserId);
        order.SpendingAuthoritySignature!.SignatureReference.ShouldBe("sig-2");

        order.Accept(Accounting, Now.AddHours(2), RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        order.Status.ShouldBe(PaymentOrderStatus.Accepted);
        order.ClosedBy.ShouldBe(Accounting.UserId);
    }

    [Fact]
    public void Submission_is_refused_with_all_violations_and_the_status_is_kept()
    {
        var order = new PaymentOrderBuilder().WithoutPayee().WithoutLines().Build();

        var report = order.SubmitForSignature(DataEntry, Now, RuleSet, Context());

        report.IsSatisfied.ShouldBeFalse();
        report.Has(PaymentOrderContentRule.PayeeMissing).ShouldBeTrue();
        report.Has(PaymentOrderContentRule.LinesMissing).ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.Draft);
        order.SubmittedAt.ShouldBeNull();
    }

    [Fact]
    public void Submission_by_a_spending_authority_or_accountant_throws()
    {
        var order = new PaymentOrderBuilder().Build();

        Should.Throw<DomainException>(() => order.SubmitForSignature(Authority, Now, RuleSet, Context())).Code.ShouldBe("PO_ROLE");
        Should.Throw<DomainException>(() => order.SubmitForSignature(Accounting, Now, RuleSet, Context())).Code.ShouldBe("PO_ROLE");
    }

    [Fact]
    public void A_realization_officer_may_also_submit()
    {
        var order = new PaymentOrderBuilder().Build();

        order.SubmitForSignature(Realization, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        order.SubmittedBy.ShouldBe(Realization.UserId);
    }

    [Theory]
    [InlineData(Role.DataEntryOfficer)]
    [InlineData(Role.SpendingAuthority)]
    [InlineData(Role.AccountingOfficer)]
    public void Only_a_realization_officer_gives_the_first_signature(Role role)
    {
        var order = Submitted();

        Should.Throw<DomainException>(() => order.RecordRealizationSignature(new Actor(Guid.NewGuid(), role), Now, "sig", RuleSet, Context())).Code.ShouldBe("PO_ROLE");
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        order.RealizationSignature.ShouldBeNull();
    }

    [Theory]
    [InlineData(Role.DataEntryOfficer)]
    [InlineData(Role.RealizationOfficer)]
    [InlineData(Role.AccountingStaff)]
    public void Only_a_spending_authority_gives_the_second_signature(Role role)
    {
        var order = RealizationSigned();

        Should.Throw<DomainException>(() => order.RecordSpendingAuthoritySignature(new Actor(Guid.NewGuid(), role), Now, "sig", RuleSet, Context())).Code.ShouldBe("PO_ROLE");
    }

    [Fact]
    public void The_same_person_cannot_sign_twice()
    {
        var order = RealizationSigned();
        var samePersonAsAuthority = new Actor(Realization.UserId, Role.SpendingAuthority);

        Should.Throw<DomainException>(() => order.RecordSpendingAuthoritySignature(samePersonAsAuthority, Now, "sig", RuleSet, Context())).Code.ShouldBe("PO_SAME_SIGNER");
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
    }

    [Fact]
    public void Signatures_out_of_order_throw()
    {
        var draft = new PaymentOrderBuilder().Build();
        Should.Throw<DomainException>(() => draft.RecordRealizationSignature(Realization, Now, "s", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => draft.RecordSpendingAuthoritySignature(Authority, Now, "s", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");

        var submitted = Submitted();
        Should.Throw<DomainException>(() => submitted.RecordSpendingAuthoritySignature(Authority, Now, "s", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => submitted.SubmitForSignature(DataEntry, Now, RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
    }

    [Fact]
    public void Rules_are_evaluated_again_when_signing()
    {
        var order = Submitted();
        var laterContext = Context(today: new DateOnly(2025, 5, 1)); // the document date is now in the future

        var report = order.RecordRealizationSignature(Realization, Now, "sig-1", RuleSet, laterContext);

        report.Has(PaymentOrderContentRule.DocumentDateFuture).ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        order.RealizationSignature.ShouldBeNull();
    }

    [Fact]
    public void Content_is_frozen_from_submission_on()
    {
        foreach (var order in new[] { Submitted(), RealizationSigned(), Sent() })
        {
            Should.Throw<DomainException>(() => order.SetDescription("x")).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.AddAttachment(Attachment(EInvoiceLink()))).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.RemoveAttachment(order.Attachments[0].Id)).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.AddLine(AccountingLine.Debit("630", 1))).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.SetAmounts(Mys.Signing.Domain.Amounts.Money.From(1), Deductions.None)).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.ChangeExpenseType("SU")).Code.ShouldBe("PO_NOT_DRAFT");
            Should.Throw<DomainException>(() => order.SetContract(null)).Code.ShouldBe("PO_NOT_DRAFT");
        }
    }

    [Fact]
    public void Return_needs_a_reason_and_the_accounting_unit()
    {
        var order = Sent();

        Should.Throw<DomainException>(() => order.Return(Accounting, Now, "  ")).Code.ShouldBe("PO_RETURN_REASON");
        Should.Throw<DomainException>(() => order.Return(Authority, Now, "eksik belge")).Code.ShouldBe("PO_ROLE");

        order.Return(Accounting, Now, "Fatura tarihi hatalı");

        order.Status.ShouldBe(PaymentOrderStatus.Returned);
        order.ClosingReason.ShouldBe("Fatura tarihi hatalı");
    }

    [Fact]
    public void Accept_and_return_are_only_possible_once_sent()
    {
        var draft = new PaymentOrderBuilder().Build();
        Should.Throw<DomainException>(() => draft.Accept(Accounting, Now, RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => draft.Return(Accounting, Now, "x")).Code.ShouldBe("PO_TRANSITION");

        var accepted = Sent();
        accepted.Accept(Accounting, Now, RuleSet, Context());
        Should.Throw<DomainException>(() => accepted.Return(Accounting, Now, "x")).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => accepted.Accept(Accounting, Now, RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
    }

    [Fact]
    public void Accept_by_the_spending_unit_throws()
    {
        Should.Throw<DomainException>(() => Sent().Accept(Authority, Now, RuleSet, Context())).Code.ShouldBe("PO_ROLE");
    }

    [Fact]
    public void A_draft_can_be_cancelled_and_then_nothing_else()
    {
        var order = new PaymentOrderBuilder().Build();

        order.Cancel(DataEntry, Now, "yanlış kayıt");

        order.Status.ShouldBe(PaymentOrderStatus.Cancelled);
        Should.Throw<DomainException>(() => order.SubmitForSignature(DataEntry, Now, RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => order.Cancel(DataEntry, Now, null)).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => order.SetDescription("x")).Code.ShouldBe("PO_NOT_DRAFT");
    }

    [Fact]
    public void Only_drafts_can_be_cancelled_and_only_by_the_spending_unit()
    {
        Should.Throw<DomainException>(() => Submitted().Cancel(DataEntry, Now, null)).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => Sent().Cancel(Authority, Now, null)).Code.ShouldBe("PO_TRANSITION");
        Should.Throw<DomainException>(() => new PaymentOrderBuilder().Build().Cancel(Accounting, Now, null)).Code.ShouldBe("PO_ROLE");
    }
}
