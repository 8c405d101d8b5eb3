using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class WetSignaturePathTests
{
    [Fact]
    public void A_spending_authority_sends_a_draft_wet_signed_with_the_ministry_approval()
    {
        var order = new PaymentOrderBuilder().Build();

        var report = order.SendWithWetSignatures(Authority, new DateOnly(2025, 6, 1), "E-12345", "Kart okuyucu arızası", Now, RuleSet, Context());

        report.IsSatisfied.ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.IsWetSigned.ShouldBeTrue();
        order.WetSignature!.ApprovalNumber.ShouldBe("E-12345");
        order.RealizationSignature.ShouldBeNull();
        order.SpendingAuthoritySignature.ShouldBeNull();
    }

    [Fact]
    public void A_wet_signed_order_can_be_accepted()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SendWithWetSignatures(Authority, new DateOnly(2025, 6, 1), "E-12345", "Arıza", Now, RuleSet, Context());

        order.Accept(Accounting, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
    }

    [Fact]
    public void Missing_approval_fields_are_all_reported_and_nothing_changes()
    {
        var order = new PaymentOrderBuilder().Build();

        var report = order.SendWithWetSignatures(Authority, null, " ", null, Now, RuleSet, Context());

        report.Has(WetSignatureRule.ApprovalDateMissing).ShouldBeTrue();
        report.Has(WetSignatureRule.ApprovalNumberMissing).ShouldBeTrue();
        report.Has(WetSignatureRule.ReasonMissing).ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.Draft);
        order.IsWetSigned.ShouldBeFalse();
        order.WetSignature.ShouldBeNull();
    }

    [Fact]
    public void An_approval_dated_in_the_future_is_refused()
    {
        var order = new PaymentOrderBuilder().Build();

        order.SendWithWetSignatures(Authority, Today.AddDays(1), "E-1", "Arıza", Now, RuleSet, Context())
            .Has(WetSignatureRule.ApprovalDateFuture).ShouldBeTrue();
    }

    [Fact]
    public void Other_roles_cannot_choose_wet_signatures()
    {
        var order = new PaymentOrderBuilder().Build();

        Should.Throw<DomainException>(() => order.SendWithWetSignatures(Realization, Today, "E-1", "Arıza", Now, RuleSet, Context())).Code.ShouldBe("PO_ROLE");
        Should.Throw<DomainException>(() => order.SendWithWetSignatures(DataEntry, Today, "E-1", "Arıza", Now, RuleSet, Context())).Code.ShouldBe("PO_ROLE");
    }

    [Fact]
    public void Wet_signatures_can_only_be_chosen_for_a_draft()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context());

        Should.Throw<DomainException>(() => order.SendWithWetSignatures(Authority, Today, "E-1", "Arıza", Now, RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
    }
}
