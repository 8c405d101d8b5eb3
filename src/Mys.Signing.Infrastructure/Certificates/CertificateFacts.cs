using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>What the register keeps about a certificate, read from its DER with the platform's X.509 parser.</summary>
public sealed record CertificateFacts(
    string Sha256, string SerialNumber, string Issuer, string Subject, string? Tckn, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Qualified, string KeyType)
{
    private const string SubjectSerialNumberOid = "2.5.4.5";
    private const string QcStatementsOid = "1.3.6.1.5.5.7.1.3";
    private const string QcComplianceOid = "0.4.0.1862.1.1";
    private const string TurkishQcOid = "2.16.792.1.61.0.1.5070.1.1";

    /// <summary>Reads the facts, or null when the bytes are not a DER certificate.</summary>
    public static CertificateFacts? TryRead(byte[]? der)
    {
        if (der is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(der);
            return new CertificateFacts(
                Convert.ToHexStringLower(SHA256.HashData(der)),
                // As issuers and BouncyCastle print it: lower-case hex without the DER sign byte's leading zeros.
                cert.SerialNumber.TrimStart('0').ToLowerInvariant() is { Length: > 0 } serial ? serial : "0",
                cert.Issuer,
                cert.Subject,
                TcknOf(cert),
                new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                IsQualified(cert),
                KeyTypeOf(cert));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static string? TcknOf(X509Certificate2 cert)
    {
        foreach (var rdn in cert.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == SubjectSerialNumberOid)
            {
                return rdn.GetSingleElementValue();
            }
        }

        return null;
    }

    private static bool IsQualified(X509Certificate2 cert)
    {
        var extension = cert.Extensions[QcStatementsOid];
        if (extension is null)
        {
            return false;
        }

        var oids = new HashSet<string>(StringComparer.Ordinal);
        var statements = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (statements.HasData)
        {
            oids.Add(statements.ReadSequence().ReadObjectIdentifier());
        }

        return oids.Contains(QcComplianceOid) && oids.Contains(TurkishQcOid);
    }

    private static string KeyTypeOf(X509Certificate2 cert)
    {
        using var rsa = cert.GetRSAPublicKey();
        if (rsa is not null)
        {
            return "RSA-" + rsa.KeySize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var ec = cert.GetECDsaPublicKey();
        return ec is not null ? "EC-" + ec.KeySize.ToString(System.Globalization.CultureInfo.InvariantCulture) : cert.PublicKey.Oid.FriendlyName ?? cert.PublicKey.Oid.Value ?? "?";
    }
}
