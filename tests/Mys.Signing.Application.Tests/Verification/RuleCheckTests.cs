using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class RuleCheckTests
{
    private static RuleContext Context() => new(CatalogSeed.Catalog(), EmptyContractHistory.Instance, RuleOptions.Default, Today);

    [Fact]
    public void An_oeb_that_satisfies_every_rule_adds_no_line()
    {
        var report = Report();
        var order = Order(EInvoiceLink(Guid.NewGuid()));
        PaymentOrderRuleSet.Default.Evaluate(order, Context()).IsSatisfied.ShouldBeTrue();

        RuleCheck.Add(report, order, Context());

        report.Rules.ShouldBeEmpty();
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Each_violation_is_a_rule_line_and_a_problem()
    {
        var report = Report();
        var order = Order(); // an electricity bill needs its invoice
        var violations = PaymentOrderRuleSet.Default.Evaluate(order, Context()).Violations;
        violations.ShouldNotBeEmpty();

        RuleCheck.Add(report, order, Context());

        report.Rules.Select(r => r.Code).ShouldBe(violations.Select(v => v.Code));
        report.Problems.ShouldBe(violations.Select(v => $"Kural: {v.Message} (kod: {v.Code})"));
    }
}
