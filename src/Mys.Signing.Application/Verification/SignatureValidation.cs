using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The validator as the accounting pages and the public page use it: trust anchors from configuration (and the dev
/// root in development), revocation data fetched live before acceptance and, after it, only what /DSS holds.
/// A live OCSP response or CRL is reused for <see cref="RecentRevocationLifetime"/> (as the signing step's own check
/// does): an inbox of reports by the same signers asks the responder once a minute, not twice per report view (issue 21).
/// </summary>
/// <param name="caches">What validators remember between documents (one instance per process, from DI).</param>
public sealed class SignatureValidation(ValidationOptions options, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time,
    ValidationCaches caches)
{
    /// <summary>How long a fetched revocation answer stands for a report: a revocation shows at most this late.</summary>
    public static readonly TimeSpan RecentRevocationLifetime = TimeSpan.FromMinutes(1);

    private readonly CachingRevocationDataClient _recent = new(online, time, RecentRevocationLifetime);

    public IReadOnlyList<byte[]> TrustAnchors => options.TrustAnchors.ToList();

    /// <param name="embeddedOnly">True after acceptance: use the revocation data captured in the document, not today's.</param>
    public SignatureValidator Validator(bool embeddedOnly) =>
        new(options, embeddedOnly ? new OfflineRevocationDataClient() : _recent, time, caches);

    public PadesExtender Extender() => new(timeStamps, online);

    /// <summary>The live OCSP/CRL source (for collecting validation data, e.g. the export's CAdES-LT seal).</summary>
    public IRevocationDataClient Online => online;

    public PadesExtender Extender(IRevocationDataClient revocation) => new(timeStamps, revocation);
}
