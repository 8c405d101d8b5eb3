using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// The rules an ÖEB must satisfy, evaluated together so that every violation is reported at once.
/// <see cref="Default"/> holds RS, R1–R11 (R4–R11 where checkable) and the form-content rule PO; the ÖEB's
/// forward transitions call <see cref="Evaluate"/> on the state they would produce.
/// </summary>
public sealed class PaymentOrderRuleSet : ITransitionRules
{
    private readonly IPaymentOrderRule[] _rules;

    public PaymentOrderRuleSet(IEnumerable<IPaymentOrderRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
    }

    public static PaymentOrderRuleSet Default { get; } = new(
    [
        new PaymentOrderContentRule(),
        new StructuredFormatRule(),
        new ESignatureRule(),
        new ElectronicTransferRule(),
        new UnstructuredEntryRule(),
        new CommitmentFileRule(),
        new SignersRule(),
        new StructuredLinkRule(),
        new SignedBeforeAttachingRule(),
        new InvoiceFormRule(),
        new InvoiceFieldsRule(),
        new AllowedDocumentsRule(),
        new WetSignatureRule(),
    ]);

    public IReadOnlyList<IPaymentOrderRule> Rules => _rules;

    public RuleReport Evaluate(PaymentOrder order, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(context);
        var violations = new List<RuleViolation>();
        foreach (var rule in _rules)
        {
            rule.Evaluate(order, context, violations);
        }

        return violations.Count == 0 ? RuleReport.Satisfied : new RuleReport(violations);
    }

    /// <summary>
    /// The checklist of required documents for the ÖEB's expense type (see <see cref="DocumentChecklist"/>), each line
    /// judged with the rule results <paramref name="violations"/> (of this rule set's <see cref="Evaluate"/>), so a
    /// document the rules refuse never shows as done.
    /// </summary>
    public static IReadOnlyList<ChecklistItem> Checklist(PaymentOrder order, RuleContext context, IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DocumentChecklist.For(order, context.Catalog, violations);
    }

    /// <summary>The checklist judged with the default rule set's results (<see cref="Checklist(PaymentOrder, RuleContext, IReadOnlyList{RuleViolation})"/>).</summary>
    public static IReadOnlyList<ChecklistItem> Checklist(PaymentOrder order, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Checklist(order, context, Default.Evaluate(order, context).Violations);
    }
}
