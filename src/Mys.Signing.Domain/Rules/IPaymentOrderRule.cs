using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>A rule about an ÖEB, traceable to one clause of the guideline or regulation.</summary>
public interface IPaymentOrderRule
{
    /// <summary>Stable code, e.g. "R9"; violations use sub-codes like "R9.INVOICE_NO_MISSING".</summary>
    string Code { get; }

    /// <summary>Where the rule comes from (guideline article, regulation).</summary>
    string Clause { get; }

    /// <summary>Adds a violation for each problem found; adds nothing when the rule passes.</summary>
    void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations);
}
