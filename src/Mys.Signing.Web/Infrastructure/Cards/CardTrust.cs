using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>The small helpers shared by the card login and the code flow.</summary>
public static class CardTrust
{
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
