using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class ESignatureAndSignersRuleTests
{
    private static SignatureRecord Sig(Guid signer, Role role) => new(signer, role, Now, "ref");

    [Fact]
    public void R1_passes_for_drafts_and_for_orders_sent_with_both_e_signatures()
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Run(new ESignatureRule(), order).ShouldBeEmpty();

        order.SubmitForSignature(DataEntry, Now, RuleSet, Context());
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());
        order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        Tamper.Run(new ESignatureRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R1_fails_for_a_sent_order_without_e_signatures_that_did_not_go_wet_signed()
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Set(order, nameof(PaymentOrder.Status), PaymentOrderStatus.SentToAccounting);

        var violations = Tamper.Run(new ESignatureRule(), order);

        violations.Count.ShouldBe(2);
        violations.ShouldAllBe(v => v.Code == ESignatureRule.NotESigned);
        violations.Select(v => v.Path).ShouldBe(["signatures.realization", "signatures.spendingAuthority"]);
    }

    [Fact]
    public void R1_exempts_the_wet_signature_path()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SendWithWetSignatures(Authority, Today, "E-1", "Arıza", Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        Tamper.Run(new ESignatureRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R5_passes_for_a_realization_officer_and_a_different_spending_authority()
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Set(order, nameof(PaymentOrder.RealizationSignature), Sig(Realization.UserId, Role.RealizationOfficer));
        Tamper.Set(order, nameof(PaymentOrder.SpendingAuthoritySignature), Sig(Authority.UserId, Role.SpendingAuthority));

        Tamper.Run(new SignersRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R5_flags_a_data_entry_officer_signature()
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Set(order, nameof(PaymentOrder.RealizationSignature), Sig(DataEntry.UserId, Role.DataEntryOfficer));

        Tamper.Run(new SignersRule(), order).ShouldHaveSingleItem().Code.ShouldBe(SignersRule.RealizationSignerRole);
    }

    [Fact]
    public void R5_flags_a_second_signature_not_by_a_spending_authority_and_the_same_person_twice()
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Set(order, nameof(PaymentOrder.RealizationSignature), Sig(Realization.UserId, Role.RealizationOfficer));
        Tamper.Set(order, nameof(PaymentOrder.SpendingAuthoritySignature), Sig(Realization.UserId, Role.RealizationOfficer));

        Tamper.Run(new SignersRule(), order).Select(v => v.Code).ShouldBe([SignersRule.SpendingAuthoritySignerRole, SignersRule.SameSigner]);
    }
}
