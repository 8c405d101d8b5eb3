using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>Who signs an ÖEB after whom, in which field, and which stage of the signed document follows.</summary>
public sealed class SignerStepTests
{
    private static PaymentOrder Submitted()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    private static PaymentOrder Sent()
    {
        var order = Submitted();
        order.RecordSignature(order.AwaitedSignature!, Realization, Now, "s1", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        order.RecordSignature(order.AwaitedSignature!, Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    [Fact]
    public void A_draft_waits_for_no_signature_and_a_submitted_order_for_the_realization_officer()
    {
        new PaymentOrderBuilder().Build().AwaitedSignature.ShouldBeNull();

        var step = Submitted().AwaitedSignature!;

        step.ShouldBe(SignerStep.Realization);
        step.Role.ShouldBe(Role.RealizationOfficer);
        step.Field.ShouldBe("GerceklestirmeGorevlisi");
        step.Before.ShouldBe(SignedDocumentStage.Rendered);
        step.After.ShouldBe(SignedDocumentStage.RealizationSigned);
    }

    [Fact]
    public void The_spending_authority_signs_after_the_realization_officer_and_the_accounting_officer_last()
    {
        var order = Submitted();
        order.RecordSignature(order.AwaitedSignature!, Realization, Now, "s1", RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        order.AwaitedSignature.ShouldBe(SignerStep.SpendingAuthority);
        order.AwaitedSignature!.Field.ShouldBe("HarcamaYetkilisi");

        order.RecordSignature(order.AwaitedSignature, Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.AwaitedSignature.ShouldBe(SignerStep.AccountingOfficer);
        order.AwaitedSignature!.Field.ShouldBe("MuhasebeYetkilisi");
        order.AwaitedSignature.After.ShouldBe(SignedDocumentStage.LongTerm);
    }

    [Fact]
    public void Each_step_starts_at_the_stage_the_previous_one_leaves()
    {
        SignerStep.Realization.After.ShouldBe(SignerStep.SpendingAuthority.Before);
        SignerStep.SpendingAuthority.After.ShouldBe(SignerStep.AccountingOfficer.Before);
        SignerStep.SigningRoles.ShouldBe([Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer]);
    }

    [Fact]
    public void An_accepted_order_waits_for_no_signature_any_more()
    {
        var order = Sent();

        order.RecordSignature(order.AwaitedSignature!, Accounting, Now, "s3", RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        order.Status.ShouldBe(PaymentOrderStatus.Accepted);
        order.AccountingOfficerSignature!.SignatureReference.ShouldBe("s3");
        order.AwaitedSignature.ShouldBeNull();
    }

    [Fact]
    public void A_step_out_of_turn_is_refused_and_changes_nothing()
    {
        var order = Submitted();

        Should.Throw<DomainException>(() => order.RecordSignature(SignerStep.SpendingAuthority, Authority, Now, "s2", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");

        order.Status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        order.SpendingAuthoritySignature.ShouldBeNull();
    }

    [Fact]
    public void The_step_must_be_signed_in_its_own_role()
    {
        var order = Submitted();

        Should.Throw<DomainException>(() => order.RecordSignature(SignerStep.Realization, Authority, Now, "s1", RuleSet, Context())).Code.ShouldBe("PO_ROLE");

        order.RealizationSignature.ShouldBeNull();
    }

    [Fact]
    public void The_realization_signer_may_not_sign_again_as_spending_authority_but_another_person_may()
    {
        var order = Submitted();
        order.RecordSignature(order.AwaitedSignature!, Realization, Now, "s1", RuleSet, Context());
        var samePerson = new Actor(Realization.UserId, Role.SpendingAuthority);

        Should.Throw<DomainException>(() => order.RecordSignature(order.AwaitedSignature!, samePerson, Now, "s2", RuleSet, Context())).Code.ShouldBe("PO_SAME_SIGNER");
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);

        order.RecordSignature(order.AwaitedSignature!, Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
    }

    [Fact]
    public void The_accounting_officer_signs_in_the_accounting_unit_the_others_in_the_spending_unit()
    {
        var order = Submitted();

        order.SignerUnit(Role.AccountingOfficer).ShouldBe(order.AccountingUnitId);
        order.SignerUnit(Role.RealizationOfficer).ShouldBe(order.SpendingUnitId);
        order.SignerUnit(Role.SpendingAuthority).ShouldBe(order.SpendingUnitId);
        order.AccountingUnitId.ShouldNotBe(order.SpendingUnitId);
    }
}
