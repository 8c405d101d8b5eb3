using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R8 — an e-Fatura is linked to the ÖEB in the system by its ETTN (a GUID); e-Arşiv and paper invoices
/// (document type Fatura) are scanned and attached. (A scanned e-Fatura is refused by RS.)
/// </summary>
public sealed class InvoiceFormRule : IPaymentOrderRule
{
    public const string InvoiceNotScanned = "R8.INVOICE_NOT_SCANNED";
    public const string EttnInvalid = "R8.ETTN_INVALID";

    public string Code => "R8";

    public string Clause => "Kılavuz, Esaslar md. 8";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var code = attachment.DocumentTypeCode;
            if (string.Equals(code, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            {
                if (attachment.Source != DocumentSource.Scan)
                {
                    violations.Add(new RuleViolation(InvoiceNotScanned, "e-Arşiv ve kâğıt faturalar taratılarak eklenir; e-Fatura ise 'e-Fatura' türüyle ETTN üzerinden ilişkilendirilir.", RulePaths.Attachment(i, "source")));
                }
            }
            else if (string.Equals(code, DocumentTypeCodes.EInvoice, StringComparison.Ordinal)
                && attachment.Source == DocumentSource.EFaturaLink
                && attachment.StructuredDocumentId is not null
                && !Guid.TryParseExact(attachment.StructuredDocumentId, "D", out _))
            {
                violations.Add(new RuleViolation(EttnInvalid, "e-Fatura ETTN'si GUID biçiminde olmalıdır (ör. e093a490-dd99-11dd-ad8b-0800200c9a66).", RulePaths.Attachment(i, "structuredDocumentId")));
            }
        }
    }
}
