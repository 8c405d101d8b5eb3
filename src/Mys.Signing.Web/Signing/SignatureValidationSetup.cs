using Mys.Signing.Application.Signing;
using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Signing;

/// <summary>The validator the accounting pages, the public page and the export share.</summary>
public static class SignatureValidationSetup
{
    /// <summary>
    /// One configuration for all signature work: the signing API's anchors, TSA and HTTP client (which answers the dev
    /// PKI's OCSP/CRL/TSA in-process in development). Call after <see cref="SigningSetup.AddMysSigning"/>.
    /// </summary>
    public static IServiceCollection AddSignatureValidation(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = new ValidationOptions();
            foreach (var anchor in sp.GetRequiredService<SigningSettings>().TrustAnchors)
            {
                options.TrustAnchors.Add(anchor);
            }

            return new SignatureValidation(options, sp.GetRequiredService<FactoryRevocationDataClient>(), sp.GetRequiredService<FactoryTimeStampClient>(),
                sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
