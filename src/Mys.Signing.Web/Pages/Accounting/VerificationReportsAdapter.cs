using System.Runtime.CompilerServices;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// <see cref="IVerificationReports"/> over <see cref="VerificationReportBuilder"/>, while the builder lives in the web
/// project; goes when the use cases take the builder itself.
/// </summary>
internal sealed class VerificationReportsAdapter(VerificationReportBuilder builder) : IVerificationReports
{
    // The builder's lookups shared by the reports of one run, kept as long as the run is.
    private static readonly ConditionalWeakTable<ReportRun, SharedReportLookups> Lookups = [];

    public Task<OebVerificationReport> BuildAsync(PaymentOrder order, SignedPaymentOrderDocument? document, CancellationToken ct) =>
        builder.BuildAsync(order, document, ct);

    public Task<OebVerificationReport> BuildOfBundleAsync(PaymentOrder order, SignedPaymentOrderDocument document, byte[] pdf,
        IReadOnlyDictionary<string, string> attachmentHashes, ReportRun run, CancellationToken ct) =>
        builder.BuildAsync(order, document,
            new ReportInputs(pdf, attachmentHashes, EmbeddedRevocationDataOnly: true, Lookups.GetValue(run, r => new SharedReportLookups(r.Catalog))), ct);

    public Task<byte[]?> ReadAsync(string sha256, CancellationToken ct) => builder.ReadAsync(sha256, ct);
}
