using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class PaymentOrderContentRuleTests
{
    private static readonly PaymentOrderContentRule Rule = new();

    [Fact]
    public void A_balanced_order_with_positive_amounts_and_a_payee_passes()
    {
        Tamper.Run(Rule, new PaymentOrderBuilder().Build()).ShouldBeEmpty();
    }

    [Fact]
    public void Debits_must_equal_credits()
    {
        var order = new PaymentOrderBuilder().Build();
        order.AddLine(AccountingLine.Debit("830", 0.01m));

        var violation = Tamper.Run(Rule, order).ShouldHaveSingleItem();
        violation.Code.ShouldBe(PaymentOrderContentRule.LinesUnbalanced);
        violation.Message.ShouldContain("1.180,01 TL");
    }

    [Fact]
    public void Net_payable_must_stay_positive()
    {
        // Refused at entry since issue 18 (SetAmounts); the rule still guards rows stored before that.
        var order = new PaymentOrderBuilder().WithAmounts(100m, Deductions.None).WithoutLines().Build();
        Tamper.Set(order, nameof(PaymentOrder.Deductions), Deductions.Create(stampDuty: Money.From(60m), incomeTaxWithholding: Money.From(40m)).Value);

        order.NetPayable.ShouldBe(Money.Zero);
        Tamper.Run(Rule, order).ShouldContain(v => v.Code == PaymentOrderContentRule.NetNotPositive);
    }

    [Fact]
    public void Gross_amount_must_be_positive_and_a_payee_present()
    {
        var order = new PaymentOrderBuilder().WithAmounts(0m, Deductions.None).WithoutPayee().WithoutLines().Build();

        Tamper.Run(Rule, order).Select(v => v.Code).ShouldBe(
            [PaymentOrderContentRule.LinesMissing, PaymentOrderContentRule.GrossNotPositive, PaymentOrderContentRule.PayeeMissing]);
    }

    [Fact]
    public void A_document_dated_in_the_future_is_flagged()
    {
        var order = new PaymentOrderBuilder().Build();

        Tamper.Run(Rule, order, Fixtures.Context(today: new DateOnly(2025, 6, 9))).ShouldHaveSingleItem().Code.ShouldBe(PaymentOrderContentRule.DocumentDateFuture);
    }
}
