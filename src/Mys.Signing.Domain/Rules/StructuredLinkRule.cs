using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R6 — structured supporting documents are linked to the ÖEB in the system (by their id), not uploaded as
/// files, and need no signature of their own: they count as e-signed together with the ÖEB.
/// </summary>
public sealed class StructuredLinkRule : IPaymentOrderRule
{
    public const string NotLinked = "R6.NOT_LINKED";
    public const string FileUploaded = "R6.FILE_UPLOADED";

    public string Code => "R6";

    public string Clause => "Kılavuz, Esaslar md. 6";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var type = context.Catalog.FindDocumentType(attachment.DocumentTypeCode);
            if (type is null || !type.IsStructured)
            {
                continue;
            }

            if (attachment.StructuredDocumentId is null)
            {
                violations.Add(new RuleViolation(NotLinked, $"{type.Name} sistemdeki kaydına bağlanmalıdır (belge kimliği eksik).", RulePaths.Attachment(i, "structuredDocumentId")));
            }

            if (attachment.Sha256 is not null)
            {
                violations.Add(new RuleViolation(FileUploaded, $"{type.Name} dosya olarak yüklenmez, sistem üzerinden ilişkilendirilir.", RulePaths.Attachment(i, "file")));
            }
        }
    }
}
