namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>One broken rule: stable code (e.g. "R9.INVOICE_NO_MISSING"), Turkish message, and the path of the offending field (e.g. "attachments[2].invoiceNo").</summary>
public sealed record RuleViolation(string Code, string Message, string Path)
{
    public override string ToString() => $"{Code} @ {Path}: {Message}";
}

/// <summary>The outcome of evaluating the rule set: every violation at once, empty when all rules pass.</summary>
public sealed class RuleReport
{
    private static readonly RuleViolation[] NoViolations = [];

    public RuleReport(IReadOnlyList<RuleViolation>? violations) => Violations = violations ?? NoViolations;

    public static RuleReport Satisfied { get; } = new(null);

    public IReadOnlyList<RuleViolation> Violations { get; }

    public bool IsSatisfied => Violations.Count == 0;

    public bool Has(string code)
    {
        foreach (var violation in Violations)
        {
            if (string.Equals(violation.Code, code, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
