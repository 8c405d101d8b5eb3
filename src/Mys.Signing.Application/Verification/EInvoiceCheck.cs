using System.Globalization;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// An e-Fatura linked by ETTN against the ÖEB: the supplier's VKN/TCKN, the payable amount (gross minus VAT withholding),
/// an issue date not after the ÖEB's, and the stored verdict on its XAdES signature, green only when it verified. Only
/// tampering is a problem of the report; an invalid value, an unsigned or unchecked e-Fatura is shown in its row (never
/// as success) and left to the accounting unit, since real, GİB-accepted invoices carry such defects. Without its XML the
/// e-Fatura is not compared and the line says so.
/// </summary>
internal static class EInvoiceCheck
{
    public const string Kind = "e-Fatura";

    /// <summary>The e-Fatura signature's own row: the stored verdict and the signer; green only when it verified.</summary>
    public const string SignatureRowLabel = "e-Fatura imzası";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    /// <summary>The report problem for an e-Fatura altered after signing; null otherwise.</summary>
    public static string? Problem(string ettn, EInvoiceSignatureVerdict? verdict) =>
        verdict is { Status: EInvoiceVerdictStatus.Altered } ? $"e-Fatura imzası (ETTN {ettn}): {verdict.StatusLabel}." : null;

    /// <summary>The line of an e-Fatura whose XML the system does not hold: only its signature row, with the reason.</summary>
    public static InvoiceComparisonLine NotComparable(SupportingDocument attachment, string ettn) =>
        new(Kind, attachment.Id, ettn, null, [SignatureRow(attachment.EInvoiceSignature)], [],
            "e-Fatura ETTN ile bağlı; XML'i sistemde olmadığından alan alan karşılaştırılamadı.") { Signature = attachment.EInvoiceSignature };

    public static InvoiceComparisonLine Line(SupportingDocument attachment, string ettn, EInvoice invoice, PaymentOrder order)
    {
        var payeeTaxId = order.Payee?.TaxId.Value;
        var payable = order.GrossAmount - order.Deductions.VatWithholding;
        var fields = new List<ComparedField>
        {
            new("VKN/TCKN", payeeTaxId, invoice.Supplier.Value, string.Equals(payeeTaxId, invoice.Supplier.Value, StringComparison.Ordinal)),
            new("Ödenecek tutar (brüt − KDV tevkifatı)", payable.ToTurkishString(), invoice.PayableInTry?.ToTurkishString() ?? $"{invoice.PayableAmount.ToString(Turkish)} {invoice.Currency}",
                invoice.PayableInTry is { } p && p == payable),
            new("Fatura tarihi", Date(order.DocumentDate), Date(invoice.IssueDate), invoice.IssueDate <= order.DocumentDate),
            new("Fatura no", null, invoice.InvoiceNumber, !string.IsNullOrWhiteSpace(invoice.InvoiceNumber)),
            SignatureRow(attachment.EInvoiceSignature),
        };
        var differences = EInvoiceComparison.Compare(invoice, order).Select(d => d.Message).ToList();
        return new InvoiceComparisonLine(Kind, attachment.Id, ettn, "application/xml", fields, differences, null) { Signature = attachment.EInvoiceSignature };
    }

    public static ComparedField SignatureRow(EInvoiceSignatureVerdict? verdict) => verdict is null
        ? new ComparedField(SignatureRowLabel, null, "Denetlenmedi (imza kararı saklanmadan önce bağlanmış)", false)
        : new ComparedField(SignatureRowLabel, null,
            verdict.StatusLabel + (verdict.Signer is { } signer ? " — " + signer : string.Empty)
            + (EInvoiceVerdicts.SupplierMatch(verdict) is { } match ? " — " + match : string.Empty),
            verdict.IsVerified);

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
