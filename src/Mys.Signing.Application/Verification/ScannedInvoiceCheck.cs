using System.Globalization;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// R9 for a scanned or e-Arşiv invoice: the fields typed from it against the ÖEB — its line of the attachments
/// description, the supplier's VKN/TCKN against the payee's, an invoice date not after the ÖEB's, an invoice number.
/// A value missing on either side never matches.
/// </summary>
internal static class ScannedInvoiceCheck
{
    public const string Kind = "Fatura (taranmış/e-Arşiv)";

    /// <param name="described">The ÖEB's attachments description line for this invoice (null: the description has fewer lines).</param>
    /// <param name="payeeTaxId">The payee's VKN/TCKN (null: no payee).</param>
    public static InvoiceComparisonLine Line(SupportingDocument attachment, string? described, string? payeeTaxId, DateOnly documentDate, InvoiceOcrLine? ocr)
    {
        var invoice = attachment.Invoice ?? InvoiceDetails.Empty;
        var expectedLine = AttachmentsDescription.Line(invoice);
        var supplier = invoice.SupplierTaxId?.Trim();
        var fields = new List<ComparedField>
        {
            new("Ek belgeler açıklaması", described, expectedLine, string.Equals(described, expectedLine, StringComparison.Ordinal)),
            new("VKN/TCKN", payeeTaxId, supplier, !string.IsNullOrEmpty(supplier) && string.Equals(payeeTaxId, supplier, StringComparison.Ordinal)),
            new("Fatura tarihi", Date(documentDate), invoice.InvoiceDate is { } d ? Date(d) : null, invoice.InvoiceDate is { } id && id <= documentDate),
            new("Fatura no", null, invoice.InvoiceNumber, !string.IsNullOrWhiteSpace(invoice.InvoiceNumber)),
        };
        string[] messages =
        [
            "Ek belgeler açıklamasındaki satır faturaya girilen bilgilerle aynı değil (R9).",
            "Faturayı düzenleyenin VKN/TCKN'si hak sahibininkiyle aynı değil.",
            "Fatura tarihi yok veya ÖEB tarihinden sonra.",
            "Fatura numarası girilmemiş.",
        ];
        var differences = fields.Select((f, i) => f.Matches ? null : messages[i]).OfType<string>().ToList();
        return new InvoiceComparisonLine(Kind, attachment.Id, attachment.FileName, attachment.MediaType, fields, differences, null, ocr);
    }

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
