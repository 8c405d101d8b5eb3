using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Application.Signing;

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

    public static SigningSettings From(IConfiguration configuration, DevelopmentTrust? devPki)
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
            anchors.Add(devPki.RootDer);
            intermediates.Add(devPki.IssuingCaDer);
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

/// <summary>The development PKI's root, issuing CA and time-stamp URL, trusted only when the dev PKI is on.</summary>
public sealed record DevelopmentTrust(byte[] RootDer, byte[] IssuingCaDer, string TsaUrl);
