using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Infrastructure;

public static class Validators
{
    /// <summary>Validator trusting the dev root, fetching OCSP/CRL over real HTTP from the fixture's Kestrel host.</summary>
    public static SignatureValidator Online(PkiFixture fx) => new(Options(fx), new HttpRevocationDataClient(fx.Http), TimeProvider.System);

    /// <summary>Validator whose OCSP/CRL sources are unreachable.</summary>
    public static SignatureValidator Unreachable(PkiFixture fx)
    {
        var handler = new DevPkiHttpHandler(new DevPkiServices(fx.Pki, TimeProvider.System)) { Online = false };
        return new(Options(fx), new HttpRevocationDataClient(new HttpClient(handler)), TimeProvider.System);
    }

    public static ValidationOptions Options(PkiFixture fx)
    {
        var options = new ValidationOptions();
        options.TrustAnchors.Add(fx.Pki.Root.CertificateDer);
        return options;
    }
}
