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
    [ThreadStatic]
    private static StringBuilder? t_scratch;

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

    /// <summary>Whether <paramref name="description"/> equals what <see cref="Generate"/> would produce, without allocating once warm.</summary>
    public static bool Matches(string? description, IReadOnlyList<SupportingDocument> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var builder = t_scratch ??= new StringBuilder(1024);
        builder.Clear();
        var first = true;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            {
                if (!first)
                {
                    builder.Append('\n');
                }

                first = false;
                AppendLine(builder, attachment.Invoice ?? InvoiceDetails.Empty);
            }
        }

        return builder.Equals((description ?? string.Empty).AsSpan());
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
        var number = invoice.InvoiceNumber.AsSpan().Trim();
        var taxId = invoice.SupplierTaxId.AsSpan().Trim();
        var label = taxId.Length switch
        {
            10 => "VKN",
            11 => "TCKN",
            _ => "VKN/TCKN",
        };

        builder.Append("Fatura No: ").Append(number.IsEmpty ? "-" : number)
            .Append("; ").Append(label).Append(": ").Append(taxId.IsEmpty ? "-" : taxId)
            .Append("; Fatura Tarihi: ");
        if (invoice.InvoiceDate is { } date)
        {
            Span<char> buffer = stackalloc char[10];
            date.TryFormat(buffer, out var written, "dd.MM.yyyy", CultureInfo.InvariantCulture);
            builder.Append(buffer[..written]);
        }
        else
        {
            builder.Append('-');
        }
    }
}
