using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// The validator as the accounting pages and the public page use it: trust anchors from configuration (and the dev
/// root in development), revocation data fetched live before acceptance and, after it, only what /DSS holds.
/// </summary>
public sealed class SignatureValidation(ValidationOptions options, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time)
{
    public IReadOnlyList<byte[]> TrustAnchors => options.TrustAnchors.ToList();

    /// <param name="embeddedOnly">True after acceptance: use the revocation data captured in the document, not today's.</param>
    public SignatureValidator Validator(bool embeddedOnly) =>
        new(options, embeddedOnly ? new OfflineRevocationDataClient() : online, time);

    public PadesExtender Extender() => new(timeStamps, online);
}

/// <summary>Registrations of the accounting unit's pages and the public verification page.</summary>
public static class AccountingServices
{
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var throttle = new VerificationThrottleOptions();
        configuration.GetSection("Mys:PublicVerification").Bind(throttle);
        services.AddSingleton(throttle);
        services.AddSingleton<VerificationThrottle>();
        services.AddSingleton(sp => Create(sp, configuration));
        services.AddScoped<VerificationReportBuilder>();
        services.AddScoped<PaymentOrderReview>();
        return services;
    }

    private static SignatureValidation Create(IServiceProvider sp, IConfiguration configuration)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var pki = sp.GetService<DevPkiHierarchy>();
        var options = new ValidationOptions();
        foreach (var file in configuration.GetSection("Mys:Signing:TrustAnchorFiles").Get<string[]>() ?? [])
        {
            options.TrustAnchors.Add(ReadCertificate(file));
        }

        // In development the dev PKI's OCSP/CRL/TSA answer in-process, so nothing has to listen on its base URL.
        HttpClient http;
        Uri? tsa;
        if (pki is not null)
        {
            options.TrustAnchors.Add(pki.Root.CertificateDer);
            http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, time)));
            tsa = new Uri(pki.TsaUrl);
        }
        else
        {
            http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            tsa = configuration["Mys:Signing:TsaUrl"] is { Length: > 0 } url ? new Uri(url) : null;
        }

        return new SignatureValidation(options, new HttpRevocationDataClient(http), new HttpTimeStampClient(http, new TimeStampClientOptions { Url = tsa }), time);
    }

    private static byte[] ReadCertificate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        const string begin = "-----BEGIN CERTIFICATE-----";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0)
        {
            return bytes;
        }

        var end = text.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal);
        return Convert.FromBase64String(text[(start + begin.Length)..end]);
    }
}
