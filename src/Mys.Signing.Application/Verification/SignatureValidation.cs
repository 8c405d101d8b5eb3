using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The validator as the accounting pages and the public page use it: trust anchors from configuration (and the dev
/// root in development), revocation data fetched live before acceptance and, after it, only what /DSS holds.
/// </summary>
/// <param name="caches">What validators remember between documents (one instance per process, from DI).</param>
public sealed class SignatureValidation(ValidationOptions options, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time,
    ValidationCaches caches)
{
    public IReadOnlyList<byte[]> TrustAnchors => options.TrustAnchors.ToList();

    /// <param name="embeddedOnly">True after acceptance: use the revocation data captured in the document, not today's.</param>
    public SignatureValidator Validator(bool embeddedOnly) =>
        new(options, embeddedOnly ? new OfflineRevocationDataClient() : online, time, caches);

    public PadesExtender Extender() => new(timeStamps, online);

    /// <summary>The live OCSP/CRL source (for collecting validation data, e.g. the export's CAdES-LT seal).</summary>
    public IRevocationDataClient Online => online;

    public PadesExtender Extender(IRevocationDataClient revocation) => new(timeStamps, revocation);
}
