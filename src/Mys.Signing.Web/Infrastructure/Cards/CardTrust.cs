using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>
/// Where card certificates are checked against: trust anchors and intermediate CA certificates from
/// <c>Mys:Signing:TrustAnchors</c> / <c>Mys:Signing:Intermediates</c> (PEM or DER files), plus the dev PKI's root and
/// issuing CA in development. The agent sends only the end-entity certificate, so the intermediates come from here.
/// </summary>
public sealed class CardTrust
{
    public IList<byte[]> Anchors { get; } = [];

    public IList<byte[]> Intermediates { get; } = [];

    /// <summary>Registers the trust, and the one validator (unless something registered it before) for card checks.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        var trust = new CardTrust();
        foreach (var path in configuration.GetSection("Mys:Signing:TrustAnchors").Get<string[]>() ?? [])
        {
            trust.Anchors.Add(Load(path));
        }

        foreach (var path in configuration.GetSection("Mys:Signing:Intermediates").Get<string[]>() ?? [])
        {
            trust.Intermediates.Add(Load(path));
        }

        if (devPki is not null)
        {
            trust.Anchors.Add(devPki.Root.CertificateDer);
            trust.Intermediates.Add(devPki.IssuingCa.CertificateDer);
        }

        services.AddSingleton(trust);
        services.TryAddSingleton<IRevocationDataClient>(sp =>
        {
            // The dev PKI answers in-process, so development and tests need no listening OCSP/CRL server.
            var handler = devPki is not null
                ? new DevPkiHttpHandler(new DevPkiServices(devPki, sp.GetRequiredService<TimeProvider>()))
                : (HttpMessageHandler)new SocketsHttpHandler();
            return new HttpRevocationDataClient(new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) });
        });
        services.TryAddSingleton(sp =>
        {
            var options = new ValidationOptions();
            foreach (var anchor in trust.Anchors)
            {
                options.TrustAnchors.Add(anchor);
            }

            return new SignatureValidator(options, sp.GetRequiredService<IRevocationDataClient>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddScoped<CardLoginService>();
        services.AddScoped<CodeSigningService>();
        services.TryAddScoped<ICodeSigningBackend, StandInCodeSigningBackend>();
    }

    /// <summary>Checks a card certificate now: chain to an anchor, validity, revocation, qualified status, nonRepudiation.</summary>
    public static Task<SignatureReport> CheckAsync(SignatureValidator validator, CardTrust trust, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(trust);
        return validator.CheckSigningCertificateAsync(certificateDer, trust.Intermediates, cancellationToken);
    }

    /// <summary>
    /// Verifies what a card returned for a digest: RSASSA-PKCS1-v1_5 or raw ECDSA r‖s (the bridge's two formats).
    /// </summary>
    public static bool VerifyDigestSignature(X509Certificate2 certificate, byte[] digest, byte[] signature, HashAlgorithmName hash)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is not null)
            {
                return rsa.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1);
            }

            using var ec = certificate.GetECDsaPublicKey();
            return ec is not null && ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>scheme://host[:port] of the request as the browser addressed it (forwarded headers applied before).</summary>
    public static string OriginOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Scheme + "://" + request.Host.Value;
    }

    /// <summary>A certificate from base64 DER, or null when it is not one.</summary>
    public static X509Certificate2? ParseCertificate(string? base64)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > 20_000)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public static byte[]? FromBase64(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var buffer = new byte[value.Length * 3 / 4];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>A Turkish sentence for the first reason the validator gave, and the stable reason code.</summary>
    public static (string Code, string Message) Explain(SignatureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var finding = report.Findings.FirstOrDefault() ?? "CERTIFICATE_INVALID";
        var code = finding.Split(':')[0];
        var message = code switch
        {
            "CERTIFICATE_EXPIRED" => "Sertifikanızın süresi dolmuş. Yeni nitelikli elektronik sertifikanızı kullanın.",
            "CERTIFICATE_NOT_YET_VALID" => "Sertifikanızın geçerlilik süresi henüz başlamamış.",
            "CERTIFICATE_REVOKED" or "CA_CERTIFICATE_REVOKED" => "Sertifikanız iptal edilmiş. Sertifika hizmet sağlayıcınıza başvurun.",
            "NOT_QUALIFIED" => "Bu sertifika nitelikli elektronik sertifika (NES) değil. NES içeren kartınızı kullanın.",
            "KEY_USAGE_NON_REPUDIATION_MISSING" => "Bu sertifika e-imza için değil. Kartınızdaki imza sertifikasını seçin.",
            "CHAIN_NOT_TRUSTED" => "Sertifikanız güvenilen bir sertifika hizmet sağlayıcısından verilmemiş.",
            "REVOCATION_DATA_UNAVAILABLE" or "CA_REVOCATION_DATA_UNAVAILABLE" or "REVOCATION_STATUS_UNKNOWN" =>
                "Sertifikanızın iptal durumu şu anda doğrulanamıyor. Birkaç dakika sonra yeniden deneyin.",
            _ => "Sertifikanız doğrulanamadı.",
        };
        return (code, message);
    }

    private static byte[] Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text).RawData
            : bytes;
    }
}
