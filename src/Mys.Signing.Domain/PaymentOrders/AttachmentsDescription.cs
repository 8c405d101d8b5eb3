using System.Globalization;
using System.Text;
using Mys.Signing.Domain.Catalog;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// R9: the text written into the ÖEB's attachments section ("ek belgeler açıklaması") from the invoice fields
/// of the e-Arşiv / paper invoices (document type <see cref="DocumentTypeCodes.Invoice"/>), so that the
/// accounting unit can compare it with the invoice images.
/// Format, one line per invoice in attachment order, lines separated by '\n', no trailing newline:
/// <code>Fatura No: {no}; {VKN|TCKN|VKN/TCKN}: {id}; Fatura Tarihi: {dd.MM.yyyy}</code>
/// The label is VKN for a 10-character id, TCKN for 11, otherwise VKN/TCKN; a missing value is written as "-".
/// Values are trimmed; the date uses the invariant culture with the explicit pattern dd.MM.yyyy.
/// An ÖEB without such invoices has an empty description.
/// </summary>
public static class AttachmentsDescription
{
    public static string Generate(IReadOnlyList<SupportingDocument> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        StringBuilder? builder = null;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (!string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            {
                continue;
            }

            builder = builder is null ? new StringBuilder(96) : builder.Append('\n');
            AppendLine(builder, attachment.Invoice ?? InvoiceDetails.Empty);
        }

        return builder?.ToString() ?? string.Empty;
    }

    /// <summary>The line for one invoice, in the format described on the class.</summary>
    public static string Line(InvoiceDetails invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var builder = new StringBuilder(96);
        AppendLine(builder, invoice);
        return builder.ToString();
    }

    private static void AppendLine(StringBuilder builder, InvoiceDetails invoice)
    {
        var number = invoice.InvoiceNumber?.Trim();
        var taxId = invoice.SupplierTaxId?.Trim();
        var label = taxId?.Length switch
        {
            10 => "VKN",
            11 => "TCKN",
            _ => "VKN/TCKN",
        };

        builder.Append("Fatura No: ").Append(string.IsNullOrEmpty(number) ? "-" : number)
            .Append("; ").Append(label).Append(": ").Append(string.IsNullOrEmpty(taxId) ? "-" : taxId)
            .Append("; Fatura Tarihi: ")
            .Append(invoice.InvoiceDate?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "-");
    }
}
