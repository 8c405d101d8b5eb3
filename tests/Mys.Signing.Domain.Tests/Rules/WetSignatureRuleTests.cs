using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class WetSignatureRuleTests
{
    private static readonly WetSignatureRule Rule = new();

    private static List<RuleViolation> Run(WetSignatureApproval? approval, bool wetSigned = true)
    {
        var order = new PaymentOrderBuilder().Build();
        Tamper.Set(order, nameof(PaymentOrder.WetSignature), approval);
        Tamper.Set(order, nameof(PaymentOrder.IsWetSigned), wetSigned);
        return Tamper.Run(Rule, order);
    }

    [Fact]
    public void A_complete_approval_chosen_by_a_spending_authority_passes()
    {
        Run(new WetSignatureApproval(Today, "E-1", "Arıza", Authority.UserId, Role.SpendingAuthority)).ShouldBeEmpty();
    }

    [Fact]
    public void The_e_signature_path_is_not_its_concern()
    {
        Run(null, wetSigned: false).ShouldBeEmpty();
    }

    [Fact]
    public void An_approval_chosen_by_someone_else_is_flagged()
    {
        Run(new WetSignatureApproval(Today, "E-1", "Arıza", Realization.UserId, Role.RealizationOfficer))
            .ShouldHaveSingleItem().Code.ShouldBe(WetSignatureRule.NotSpendingAuthority);
    }

    [Fact]
    public void A_wet_signed_order_without_an_approval_is_flagged()
    {
        Run(null).ShouldHaveSingleItem().Code.ShouldBe(WetSignatureRule.ApprovalMissing);
    }

    [Fact]
    public void Each_missing_field_has_its_own_code_and_path()
    {
        Run(new WetSignatureApproval(null, null, "", Authority.UserId, Role.SpendingAuthority)).Select(v => (v.Code, v.Path)).ShouldBe(
        [
            (WetSignatureRule.ApprovalDateMissing, "wetSignature.approvalDate"),
            (WetSignatureRule.ApprovalNumberMissing, "wetSignature.approvalNumber"),
            (WetSignatureRule.ReasonMissing, "wetSignature.reason"),
        ]);
    }
}
