using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Signing;

/// <summary>What every host that signs or verifies shares: the settings, the OCSP/CRL/TSA client, the validators.</summary>
public static class SignatureServicesRegistration
{
    /// <summary>Name of the HttpClient used for OCSP, CRL and the TSA.</summary>
    public const string HttpClientName = "mys-signing";

    /// <summary>
    /// <see cref="SigningSettings"/> from configuration (<paramref name="development"/>: the dev PKI's trust, when on),
    /// the OCSP/CRL/TSA HttpClient with its resilience pipeline (<see cref="SigningHttp"/>), <see cref="SigningComponents"/>
    /// and <see cref="SignatureValidation"/> over it. <paramref name="routeHttp"/> may add a handler in front of the
    /// pipeline (the dev PKI answers its own URLs in-process).
    /// </summary>
    public static IServiceCollection AddSignatureServices(
        this IServiceCollection services, IConfiguration configuration, DevelopmentTrust? development, Action<IHttpClientBuilder>? routeHttp = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(SigningSettings.From(configuration, development));
        // No HttpClient timeout: the resilience pipeline's total timeout governs (SigningHttp).
        var http = services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        routeHttp?.Invoke(http);
        http.AddSigningResilience(configuration);
        services.AddSingleton<FactoryRevocationDataClient>();
        // What validators remember between documents: bounded, least recently used evicted, one per process (issue 21).
        services.AddSingleton(_ => new ValidationCaches());
        services.AddSingleton(sp => new FactoryTimeStampClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<SigningSettings>().Tsa));
        services.AddSingleton(sp => new SigningComponents(
            sp.GetRequiredService<SigningSettings>(),
            sp.GetRequiredService<FactoryRevocationDataClient>(),
            sp.GetRequiredService<FactoryTimeStampClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ValidationCaches>()));
        services.AddSingleton(sp =>
        {
            var options = new ValidationOptions();
            foreach (var anchor in sp.GetRequiredService<SigningSettings>().TrustAnchors)
            {
                options.TrustAnchors.Add(anchor);
            }

            return new SignatureValidation(options, sp.GetRequiredService<FactoryRevocationDataClient>(), sp.GetRequiredService<FactoryTimeStampClient>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ValidationCaches>());
        });
        return services;
    }
}
