using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Invoices.Comparisons;

/// <summary>One difference between an e-Fatura and the ÖEB it supports; values are shown as on each side.</summary>
public sealed record InvoiceDifference(string Field, string? PaymentOrderValue, string? InvoiceValue, string Message);

/// <summary>
/// Compares an e-Fatura with an ÖEB: the supplier's VKN/TCKN with the payee's, the currency (TRY), the payable
/// amount with the ÖEB's gross amount less KDV tevkifatı (a TEVKIFAT invoice already leaves out the withheld VAT),
/// the invoice date (not after the ÖEB's date) and that the ÖEB links this e-Fatura by its ETTN.
/// </summary>
public static class EInvoiceComparison
{
    public static IReadOnlyList<InvoiceDifference> Compare(EInvoice invoice, PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(order);
        var differences = new List<InvoiceDifference>();

        var payee = order.Payee;
        if (payee is null || !string.Equals(payee.TaxId.Value, invoice.Supplier.Value, StringComparison.Ordinal))
        {
            differences.Add(new InvoiceDifference("supplierTaxId", payee?.TaxId.Value, invoice.Supplier.Value, "Faturayı düzenleyenin VKN/TCKN'si hak sahibininkiyle aynı değil."));
        }

        var payable = invoice.PayableInTry;
        if (payable is null)
        {
            differences.Add(new InvoiceDifference("currency", "TRY", invoice.Currency, "e-Fatura Türk lirası (TRY) cinsinden ve kuruş hassasiyetinde değil."));
        }
        else
        {
            var expected = order.GrossAmount - order.Deductions.VatWithholding;
            if (expected != payable.Value)
            {
                differences.Add(new InvoiceDifference("payableAmount", expected.ToTurkishString(), payable.Value.ToTurkishString(), "e-Fatura ödenecek tutarı ÖEB'nin brüt tutarından KDV tevkifatı düşülmüş tutara eşit değil."));
            }
        }

        if (invoice.IssueDate > order.DocumentDate)
        {
            differences.Add(new InvoiceDifference("invoiceDate", Format(order.DocumentDate), Format(invoice.IssueDate), "Fatura tarihi ÖEB tarihinden sonra olamaz."));
        }

        var ettn = invoice.Ettn.ToString("D");
        var linked = false;
        foreach (var attachment in order.Attachments)
        {
            linked |= string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.EInvoice, StringComparison.Ordinal)
                && string.Equals(attachment.StructuredDocumentId, ettn, StringComparison.OrdinalIgnoreCase);
        }

        if (!linked)
        {
            differences.Add(new InvoiceDifference("ettn", null, ettn, "Bu e-Fatura ÖEB'ye ETTN ile bağlanmamış."));
        }

        return differences;
    }

    private static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
