using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>One line of the checklist shown while preparing an ÖEB.</summary>
/// <param name="IsPresent">A document of an accepted type is attached.</param>
public sealed record ChecklistItem(string Key, string Name, bool IsPresent, bool IsUncertain)
{
    /// <summary>
    /// What the rule check says about the attached documents of this line when none of them passes (e.g. a tutanak not
    /// marked as signed, R7): the line is then not done, whatever is attached. Empty when one passes or none is attached.
    /// </summary>
    public IReadOnlyList<RuleViolation> Problems { get; init; } = [];

    /// <summary>Attached, and the rule check has nothing against it: the only state shown as done (✓).</summary>
    public bool IsSatisfied => IsPresent && Problems.Count == 0;
}

/// <summary>
/// The documents an ÖEB still needs for its expense type (MYHBY via the catalogue), plus the commitment file on
/// the first progress payment of a contract (R4).
/// </summary>
public static class DocumentChecklist
{
    public const string CommitmentFileKey = "TAAHHUT";

    /// <summary>
    /// The checklist with the rule check's verdict on each attached document: a line is done only when one of its
    /// documents has no violation (<paramref name="violations"/> from <see cref="PaymentOrderRuleSet.Evaluate"/>), so the
    /// checklist and the rule results never disagree.
    /// </summary>
    public static IReadOnlyList<ChecklistItem> For(PaymentOrder order, DocumentCatalog catalog, IReadOnlyList<RuleViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var items = For(order, catalog);
        return items.Select(item => WithProblems(item, order, catalog, violations)).ToList();
    }

    public static IReadOnlyList<ChecklistItem> For(PaymentOrder order, DocumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(catalog);
        var expenseType = catalog.FindExpenseType(order.ExpenseTypeCode);
        if (expenseType is null)
        {
            return [];
        }

        var items = new List<ChecklistItem>(expenseType.RequiredDocuments.Count + 1);
        foreach (var requirement in expenseType.RequiredDocuments)
        {
            items.Add(new ChecklistItem(requirement.Key, requirement.Name, IsPresent(requirement, order.Attachments), requirement.IsUncertain || expenseType.IsUncertain));
        }

        if (expenseType.IsContractBased && order.Contract is { IsFirstPayment: true })
        {
            var present = false;
            foreach (var attachment in order.Attachments)
            {
                present |= attachment.IsCommitmentFile || string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.CommitmentFile, StringComparison.Ordinal);
            }

            items.Add(new ChecklistItem(CommitmentFileKey, "Taahhüt Dosyası (ilk hakediş)", present, false));
        }

        return items;
    }

    /// <summary>The checklist lines not yet satisfied.</summary>
    public static IReadOnlyList<ChecklistItem> Missing(PaymentOrder order, DocumentCatalog catalog) =>
        For(order, catalog).Where(i => !i.IsPresent).ToList();

    private static ChecklistItem WithProblems(ChecklistItem item, PaymentOrder order, DocumentCatalog catalog, IReadOnlyList<RuleViolation> violations)
    {
        if (!item.IsPresent)
        {
            return item;
        }

        var requirement = catalog.FindExpenseType(order.ExpenseTypeCode)?.RequiredDocuments.FirstOrDefault(r => string.Equals(r.Key, item.Key, StringComparison.Ordinal));
        var problems = new List<RuleViolation>();
        for (var i = 0; i < order.Attachments.Count; i++)
        {
            var attachment = order.Attachments[i];
            var belongs = requirement is not null
                ? requirement.Accepts(attachment.DocumentTypeCode)
                : attachment.IsCommitmentFile || string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.CommitmentFile, StringComparison.Ordinal);
            if (!belongs)
            {
                continue;
            }

            var own = OfAttachment(violations, i);
            if (own.Count == 0)
            {
                return item; // one clean document satisfies the line
            }

            problems.AddRange(own);
        }

        return item with { Problems = problems };
    }

    private static List<RuleViolation> OfAttachment(IReadOnlyList<RuleViolation> violations, int index)
    {
        var path = RulePaths.Attachment(index);
        return violations.Where(v => string.Equals(v.Path, path, StringComparison.Ordinal) || v.Path.StartsWith(path + ".", StringComparison.Ordinal)).ToList();
    }

    internal static bool IsPresent(RequiredDocument requirement, IReadOnlyList<SupportingDocument> attachments)
    {
        for (var i = 0; i < attachments.Count; i++)
        {
            if (requirement.Accepts(attachments[i].DocumentTypeCode))
            {
                return true;
            }
        }

        return false;
    }
}
