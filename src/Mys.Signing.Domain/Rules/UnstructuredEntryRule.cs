using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R3 — documents without a defined structured format enter in one of three ways: produced electronically,
/// received through integration, or scanned — and only in the ways their document type allows.
/// </summary>
public sealed class UnstructuredEntryRule : IPaymentOrderRule
{
    public const string SourceNotAllowed = "R3.SOURCE_NOT_ALLOWED";

    public string Code => "R3";

    public string Clause => "Kılavuz, Esaslar md. 3";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var type = context.Catalog.FindDocumentType(attachment.DocumentTypeCode);
            if (type is null || type.IsStructured)
            {
                continue;
            }

            if (attachment.Source.IsLinked() || !type.Allows(attachment.Source))
            {
                violations.Add(new RuleViolation(
                    SourceNotAllowed,
                    $"{type.Name} yapısal bir belge değildir; elektronik ortamda üretilerek, entegrasyonla alınarak veya taratılarak eklenmelidir (bu tür için izin verilen yollarla).",
                    RulePaths.Attachment(i, "source")));
            }
        }
    }
}
