using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>One line of the checklist shown while preparing an ÖEB.</summary>
public sealed record ChecklistItem(string Key, string Name, bool IsPresent, bool IsUncertain);

/// <summary>
/// The documents an ÖEB still needs for its expense type (MYHBY via the catalogue), plus the commitment file on
/// the first progress payment of a contract (R4).
/// </summary>
public static class DocumentChecklist
{
    public const string CommitmentFileKey = "TAAHHUT";

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
