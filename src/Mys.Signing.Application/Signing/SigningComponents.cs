using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Signing;

/// <summary>The signature components the web app shares (stateless, thread-safe), built once from <see cref="SigningSettings"/>.</summary>
public sealed class SigningComponents
{
    public SigningComponents(SigningSettings settings, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time, ValidationCaches? caches = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        OnlineRevocation = online;
        var options = new ValidationOptions();
        foreach (var anchor in settings.TrustAnchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        // Prepare checks the certificate with fresh OCSP/CRL answers; the check of a just-completed document (same
        // signer, moments later, many in a batch) may reuse them for a minute.
        Caches = caches ?? new ValidationCaches();
        CertificateChecker = new SignatureValidator(options, online, time, Caches);
        DocumentValidator = new SignatureValidator(options, new CachingRevocationDataClient(online, time, TimeSpan.FromMinutes(1)), time, Caches);
        TimeStamps = settings.Tsa.Url is null ? null : timeStamps;
        Pades = new PadesService(TimeStamps, time);
    }

    public SigningSettings Settings { get; }

    /// <summary>The validators' bounded caches (the process's one instance from DI).</summary>
    public ValidationCaches Caches { get; }

    /// <summary>OCSP/CRL answers fetched afresh on every call (no cache): for checks that must see the current status.</summary>
    public IRevocationDataClient OnlineRevocation { get; }

    public SignatureValidator CertificateChecker { get; }

    public SignatureValidator DocumentValidator { get; }

    public ITimeStampClient? TimeStamps { get; }

    public PadesService Pades { get; }
}
