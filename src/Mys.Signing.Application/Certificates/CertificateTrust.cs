using Mys.Signing.Application.Signing;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Certificates;

/// <summary>
/// What signing certificates are checked against on the readiness page: the signing API's trust anchors and
/// intermediate CAs and its revocation data client (online; the dev PKI's services in process in development).
/// </summary>
public sealed class CertificateTrust
{
    private readonly ValidationCaches _caches;

    private CertificateTrust(IReadOnlyList<byte[]> anchors, IReadOnlyList<byte[]> intermediates, IRevocationDataClient revocation, ValidationCaches caches)
    {
        _caches = caches;
        Anchors = anchors;
        Intermediates = intermediates;
        Revocation = revocation;
    }

    public IReadOnlyList<byte[]> Anchors { get; }

    public IReadOnlyList<byte[]> Intermediates { get; }

    public IRevocationDataClient Revocation { get; }

    public SignatureValidator Validator(TimeProvider clock)
    {
        var options = new ValidationOptions();
        foreach (var anchor in Anchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        return new SignatureValidator(options, Revocation, clock, _caches);
    }

    /// <summary>The same anchors, intermediates and OCSP/CRL client as the signing API (<see cref="SigningComponents"/>).</summary>
    public static CertificateTrust Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var signing = services.GetRequiredService<SigningComponents>();
        return new CertificateTrust(signing.Settings.TrustAnchors, signing.Settings.Intermediates, signing.OnlineRevocation, signing.Caches);
    }
}
