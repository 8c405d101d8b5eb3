using System.Security.Cryptography.X509Certificates;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// What signing needs from configuration: trust anchors and intermediate CAs (<c>Mys:Signing:TrustAnchors</c>,
/// <c>Mys:Signing:Intermediates</c>: file paths or inline PEM), the time-stamp authority (<c>Mys:Signing:Tsa:Url</c>,
/// <c>Mys:Signing:Tsa:Headers:NAME</c> for credentials such as Kamu SM's, <c>Mys:Signing:Tsa:PolicyOid</c>,
/// <c>Mys:Signing:Tsa:Concurrency</c>: how many ÖEBs of a batch are completed at once, default 8) and the
/// public base URL printed on the ÖEB (<c>Mys:PublicBaseUrl</c>); timeouts, retries and circuit breaker of the OCSP/CRL/TSA
/// client under <c>Mys:Signing:Http</c> (<see cref="SigningHttp"/>). With the dev PKI the dev root, issuing CA and TSA
/// are added, and requests to the dev PKI's base URL are answered in-process.
/// </summary>
public sealed class SigningSettings
{
    public IReadOnlyList<byte[]> TrustAnchors { get; init; } = [];

    public IReadOnlyList<byte[]> Intermediates { get; init; } = [];

    public TimeStampClientOptions Tsa { get; init; } = new();

    public string? PublicBaseUrl { get; init; }

    /// <summary>
    /// ÖEBs of one batch completed at the same time. Each waits for a time-stamp over the network, so this is more than
    /// the number of cores: with a remote TSA's round trip the batch would otherwise wait cores × round trips in a row.
    /// </summary>
    public int CompletionConcurrency { get; init; } = 8;

    public static SigningSettings From(IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var anchors = ReadCertificates(configuration.GetSection("Mys:Signing:TrustAnchors"));
        var intermediates = ReadCertificates(configuration.GetSection("Mys:Signing:Intermediates"));
        var tsa = new TimeStampClientOptions();
        if (configuration["Mys:Signing:Tsa:Url"] is { Length: > 0 } url)
        {
            tsa.Url = new Uri(url);
        }
        else if (devPki is not null)
        {
            tsa.Url = new Uri(devPki.TsaUrl);
        }

        // The resilience pipeline's total timeout (Mys:Signing:Http) bounds each time-stamp request, retries included.
        tsa.Timeout = Timeout.InfiniteTimeSpan;
        tsa.PolicyOid = configuration["Mys:Signing:Tsa:PolicyOid"] is { Length: > 0 } policy ? policy : null;
        foreach (var header in configuration.GetSection("Mys:Signing:Tsa:Headers").GetChildren())
        {
            if (header.Value is { } value)
            {
                tsa.Headers[header.Key] = value;
            }
        }

        if (devPki is not null)
        {
            anchors.Add(devPki.Root.CertificateDer);
            intermediates.Add(devPki.IssuingCa.CertificateDer);
        }

        return new SigningSettings
        {
            TrustAnchors = anchors,
            Intermediates = intermediates,
            Tsa = tsa,
            PublicBaseUrl = configuration["Mys:PublicBaseUrl"] is { Length: > 0 } publicUrl ? publicUrl.TrimEnd('/') : null,
            CompletionConcurrency = configuration.GetValue("Mys:Signing:Tsa:Concurrency", 8) is var c and >= 1 and <= 64 ? c : 8,
        };
    }

    private static List<byte[]> ReadCertificates(IConfigurationSection section)
    {
        var certificates = new List<byte[]>();
        foreach (var entry in section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            var text = entry!.Trim();
            if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                certificates.Add(X509Certificate2.CreateFromPem(text).RawData);
                continue;
            }

            using var certificate = X509CertificateLoader.LoadCertificateFromFile(text);
            certificates.Add(certificate.RawData);
        }

        return certificates;
    }
}

/// <summary>The signature components the web app shares (stateless, thread-safe), built once from <see cref="SigningSettings"/>.</summary>
public sealed class SigningComponents
{
    public SigningComponents(SigningSettings settings, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        var options = new ValidationOptions();
        foreach (var anchor in settings.TrustAnchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        // Prepare checks the certificate with fresh OCSP/CRL answers; the check of a just-completed document (same
        // signer, moments later, many in a batch) may reuse them for a minute.
        CertificateChecker = new SignatureValidator(options, online, time);
        DocumentValidator = new SignatureValidator(options, new CachingRevocationDataClient(online, time, TimeSpan.FromMinutes(1)), time);
        TimeStamps = settings.Tsa.Url is null ? null : timeStamps;
        Pades = new PadesService(TimeStamps, time);
    }

    public SigningSettings Settings { get; }

    public SignatureValidator CertificateChecker { get; }

    public SignatureValidator DocumentValidator { get; }

    public ITimeStampClient? TimeStamps { get; }

    public PadesService Pades { get; }
}

public static class SigningSetup
{
    /// <summary>Name of the HttpClient used for OCSP, CRL and the TSA.</summary>
    public const string HttpClientName = "mys-signing";

    public static IServiceCollection AddMysSigning(this IServiceCollection services, IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(SigningSettings.From(configuration, devPki));
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
        services.AddSingleton(sp => new SigningComponents(
            sp.GetRequiredService<SigningSettings>(),
            sp.GetRequiredService<FactoryRevocationDataClient>(),
            sp.GetRequiredService<FactoryTimeStampClient>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<PaymentOrderSigningService>();
        return services;
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
