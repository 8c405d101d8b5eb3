using Mys.Signing.Domain.Invoices;
using Mys.Signing.Signatures.Invoices;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>Turns the checker's report on an e-Fatura's signature into the verdict stored with the attachment.</summary>
public static class EInvoiceVerdicts
{
    public static EInvoiceSignatureVerdict From(EInvoiceSignatureReport report, DateTimeOffset checkedAt, string? xmlSha256)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report.Status switch
        {
            EInvoiceSignatureStatus.Verified => EInvoiceVerdictStatus.Verified,
            EInvoiceSignatureStatus.VerifiedNonStandardEncoding => EInvoiceVerdictStatus.VerifiedNonStandardEncoding,
            EInvoiceSignatureStatus.Altered => EInvoiceVerdictStatus.Altered,
            EInvoiceSignatureStatus.SignatureInvalid => EInvoiceVerdictStatus.SignatureInvalid,
            EInvoiceSignatureStatus.NotSigned => EInvoiceVerdictStatus.NotSigned,
            _ => EInvoiceVerdictStatus.CouldNotCheck,
        };
        return new EInvoiceSignatureVerdict(
            status,
            Bounded(report.Message, EInvoiceSignatureVerdict.MaxMessageLength)!,
            Bounded(report.Signer?.Description, EInvoiceSignatureVerdict.MaxSignerLength),
            report.Signer?.TaxId,
            report.SignerIsSupplier,
            checkedAt,
            xmlSha256);
    }

    /// <summary>CSS class of a verdict: ok only for a verified signature; "could not be checked" is never shown as success.</summary>
    public static string CssClass(EInvoiceSignatureVerdict? verdict) => verdict switch
    {
        null => "warn",
        { IsVerified: true } => "ok",
        { Status: EInvoiceVerdictStatus.CouldNotCheck or EInvoiceVerdictStatus.NotSigned } => "warn",
        _ => "bad",
    };

    /// <summary>What to say about the signer against the supplier, as the pages show it.</summary>
    public static string? SupplierMatch(EInvoiceSignatureVerdict verdict) => verdict?.SignerIsSupplier switch
    {
        true => "İmzalayan satıcının kendisi.",
        false => "İmzalayan satıcı değil (entegratör mührü olabilir; değişiklik anlamına gelmez).",
        _ => null,
    };

    private static string? Bounded(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
