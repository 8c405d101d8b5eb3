using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Bridge.Card;

/// <summary>What the bridge reports about a certificate, read with .NET's X.509 classes.</summary>
public sealed record CertificateDescription(
    string Subject,
    string? Tckn,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyType,
    int KeySize,
    string? Curve,
    bool NonRepudiation)
{
    private const string SerialNumberOid = "2.5.4.5";

    public bool IsRsa => KeyType == "RSA";

    public static CertificateDescription Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        var (keyType, size, curve) = KeyOf(certificate);
        return new CertificateDescription(
            certificate.Subject,
            SubjectSerialNumber(certificate.SubjectName),
            certificate.Issuer,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            keyType,
            size,
            curve,
            keyUsage is not null && keyUsage.KeyUsages.HasFlag(X509KeyUsageFlags.NonRepudiation));
    }

    /// <summary>Subject serialNumber (2.5.4.5): the holder's TCKN on a Turkish NES certificate.</summary>
    public static string? SubjectSerialNumber(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == SerialNumberOid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }

    private static (string Type, int Size, string? Curve) KeyOf(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return ("RSA", rsa.KeySize, null);
        }

        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            var oid = ec.ExportParameters(false).Curve.Oid;
            return ("EC", ec.KeySize, CurveName(oid));
        }

        return (certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "?", 0, null);
    }

    private static string? CurveName(Oid oid) => oid.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => oid.FriendlyName ?? oid.Value,
    };
}
