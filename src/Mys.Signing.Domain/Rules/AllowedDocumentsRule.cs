using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R10 — nothing is attached beyond the documents the spending-documents regulation (MYHBY) asks for the
/// expense type; and (MYHBY, checklist) the confirmed required documents are all there. Requirements that
/// rest on unconfirmed sources are shown on the checklist only.
/// </summary>
public sealed class AllowedDocumentsRule : IPaymentOrderRule
{
    public const string UnknownExpenseType = "R10.UNKNOWN_EXPENSE_TYPE";
    public const string UnknownDocumentType = "R10.UNKNOWN_DOCUMENT_TYPE";
    public const string NotAllowed = "R10.NOT_ALLOWED";
    public const string RequiredMissing = "R10.REQUIRED_MISSING";

    public string Code => "R10";

    public string Clause => "Kılavuz, Esaslar md. 10; Merkezi Yönetim Harcama Belgeleri Yönetmeliği";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var expenseType = context.Catalog.FindExpenseType(order.ExpenseTypeCode);
        if (expenseType is null)
        {
            violations.Add(new RuleViolation(UnknownExpenseType, "Ödeme türü katalogda bulunamadı.", RulePaths.ExpenseType));
        }

        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var code = attachments[i].DocumentTypeCode;
            var type = context.Catalog.FindDocumentType(code);
            if (type is null)
            {
                violations.Add(new RuleViolation(UnknownDocumentType, "Belge türü katalogda bulunamadı.", RulePaths.Attachment(i, "documentType")));
            }
            else if (expenseType is not null && !expenseType.Allows(code))
            {
                violations.Add(new RuleViolation(NotAllowed, $"{type.Name}, '{expenseType.Name}' ödemesinde mevzuatın aradığı belgeler arasında değildir; eklenemez.", RulePaths.Attachment(i, "documentType")));
            }
        }

        if (expenseType is null)
        {
            return;
        }

        var required = expenseType.RequiredDocuments;
        for (var r = 0; r < required.Count; r++)
        {
            var requirement = required[r];
            if (!requirement.IsUncertain && !DocumentChecklist.IsPresent(requirement, attachments))
            {
                violations.Add(new RuleViolation(RequiredMissing, $"Eksik belge: {requirement.Name}.", RulePaths.Attachments));
            }
        }
    }
}
