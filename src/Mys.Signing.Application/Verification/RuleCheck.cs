using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;

namespace Mys.Signing.Application.Verification;

/// <summary>Every rule of the ÖEB re-checked on the server: one line and one problem per violation.</summary>
internal static class RuleCheck
{
    public static void Add(OebVerificationReport report, PaymentOrder order, RuleContext context)
    {
        foreach (var violation in PaymentOrderRuleSet.Default.Evaluate(order, context).Violations)
        {
            report.Rules.Add(new RuleLine(violation.Code, violation.Message, violation.Path));
            report.Problems.Add($"Kural: {violation.Message} (kod: {violation.Code})");
        }
    }
}
