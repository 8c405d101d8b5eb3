using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;

namespace Mys.Signing.Web.Signing;

public static class SigningSetup
{
    /// <summary>Name of the HttpClient used for OCSP, CRL and the TSA.</summary>
    public const string HttpClientName = "mys-signing";

    /// <summary>
    /// The signing use cases (<see cref="SigningRegistration.AddSigning"/>) over the web's plumbing: the OCSP/CRL/TSA
    /// HttpClient with its resilience pipeline (and the dev PKI answered in-process), the audit identity of the request
    /// and the accounting officer's acceptance step.
    /// </summary>
    public static IServiceCollection AddMysSigning(this IServiceCollection services, IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = SigningSettings.From(configuration,
            devPki is null ? null : new DevelopmentTrust(devPki.Root.CertificateDer, devPki.IssuingCa.CertificateDer, devPki.TsaUrl));
        // No HttpClient timeout: the resilience pipeline's total timeout governs (SigningHttp).
        var http = services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        if (devPki is not null)
        {
            services.AddSingleton(sp => new DevPkiServices(devPki, sp.GetRequiredService<TimeProvider>()));
            // One handler for the app's life, so a test (or an operator) can switch the dev services "off" (Online = false).
            services.AddSingleton(sp => new DevPkiHttpHandler(sp.GetRequiredService<DevPkiServices>()));
            http.AddHttpMessageHandler(sp => new DevPkiRoutingHandler(sp.GetRequiredService<DevPkiHttpHandler>(), devPki.BaseUrl));
        }

        http.AddSigningResilience(configuration);
        services.AddSingleton<FactoryRevocationDataClient>();
        services.AddSingleton(sp => new FactoryTimeStampClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<SigningSettings>().Tsa));
        services.AddScoped<IAuditIdentity, HttpAuditIdentity>();
        services.AddScoped<IAccountingAcceptance, AccountingAcceptanceStep>();
        return services.AddSigning<FactoryRevocationDataClient, FactoryTimeStampClient>(settings);
    }
}

/// <summary>Answers requests under the dev PKI's base URL in-process; everything else goes to the network.</summary>
internal sealed class DevPkiRoutingHandler(DevPkiHttpHandler devPki, string baseUrl) : DelegatingHandler
{
    private readonly HttpMessageInvoker _local = new(devPki, disposeHandler: false);
    private readonly string _prefix = baseUrl.TrimEnd('/') + "/";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.RequestUri?.AbsoluteUri.StartsWith(_prefix, StringComparison.Ordinal) == true
            ? _local.SendAsync(request, cancellationToken)
            : base.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }
}
