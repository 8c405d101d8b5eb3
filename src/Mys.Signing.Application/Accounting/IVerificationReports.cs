using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Application.Accounting;

/// <summary>
/// The verification report as acceptance and the audit export use it. Implemented over the web's
/// <c>VerificationReportBuilder</c> until the builder itself moves into the application layer; then the callers take
/// the builder and this seam goes.
/// </summary>
public interface IVerificationReports
{
    /// <summary>The report of the ÖEB's current revision (validated online), as the review page shows it.</summary>
    Task<OebVerificationReport> BuildAsync(PaymentOrder order, SignedPaymentOrderDocument? document, CancellationToken ct);

    /// <summary>
    /// The report of a bundle's copy of the ÖEB: <paramref name="pdf"/> validated with the OCSP/CRL answers it holds
    /// (as an offline verifier will), attachments checked against <paramref name="attachmentHashes"/> (SHA-256 hex by
    /// store key), lookups shared across <paramref name="run"/>.
    /// </summary>
    Task<OebVerificationReport> BuildOfBundleAsync(PaymentOrder order, SignedPaymentOrderDocument document, byte[] pdf,
        IReadOnlyDictionary<string, string> attachmentHashes, ReportRun run, CancellationToken ct);

    /// <summary>The stored bytes of a revision, or null if the store has none.</summary>
    Task<byte[]?> ReadAsync(string sha256, CancellationToken ct);
}

/// <summary>What many reports in a row (an export, a job run) share: the catalogue, and what the report builder caches for the run.</summary>
public sealed class ReportRun(DocumentCatalog catalog)
{
    public DocumentCatalog Catalog => catalog;
}
