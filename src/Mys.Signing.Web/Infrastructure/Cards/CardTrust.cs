using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>The small helpers shared by the card login and the code flow.</summary>
public static class CardTrust
{
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
}
