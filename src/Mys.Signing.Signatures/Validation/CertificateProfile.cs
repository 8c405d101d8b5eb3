using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Reads what the Turkish NES profile cares about from a certificate.</summary>
public static class CertificateProfile
{
    public const string QcComplianceOid = "0.4.0.1862.1.1";
    public const string TurkishQcOid = "2.16.792.1.61.0.1.5070.1.1";

    /// <summary>T.C. kimlik numarası from subject serialNumber (2.5.4.5), if present.</summary>
    public static string? Tckn(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var values = certificate.SubjectDN.GetValueList(X509Name.SerialNumber);
        return values.Count > 0 ? values[0]?.ToString() : null;
    }

    public static string? CommonName(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var values = certificate.SubjectDN.GetValueList(X509Name.CN);
        return values.Count > 0 ? values[0]?.ToString() : null;
    }

    public static bool HasNonRepudiation(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var usage = certificate.GetKeyUsage();
        return usage is { Length: > 1 } && usage[1];
    }

    /// <summary>True when both QC statements are present.</summary>
    public static bool IsQualified(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var value = certificate.GetExtensionValue(X509Extensions.QCStatements);
        if (value is null)
        {
            return false;
        }

        var statements = Asn1Sequence.GetInstance(X509ExtensionUtilities.FromExtensionValue(value));
        var oids = new HashSet<string>(StringComparer.Ordinal);
        foreach (Asn1Encodable statement in statements)
        {
            oids.Add(DerObjectIdentifier.GetInstance(Asn1Sequence.GetInstance(statement)[0]).Id);
        }

        return oids.Contains(QcComplianceOid) && oids.Contains(TurkishQcOid);
    }

    public static IReadOnlyList<string> Urls(X509Certificate certificate, bool ocsp)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = new List<string>();
        if (ocsp)
        {
            var aia = certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess);
            if (aia is not null)
            {
                var access = AuthorityInformationAccess.GetInstance(X509ExtensionUtilities.FromExtensionValue(aia));
                result.AddRange(access.GetAccessDescriptions()
                    .Where(d => d.AccessMethod.Equals(AccessDescription.IdADOcsp) && d.AccessLocation.TagNo == GeneralName.UniformResourceIdentifier)
                    .Select(d => DerIA5String.GetInstance(d.AccessLocation.Name).GetString()));
            }

            return result;
        }

        var dp = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        if (dp is not null)
        {
            foreach (var point in CrlDistPoint.GetInstance(X509ExtensionUtilities.FromExtensionValue(dp)).GetDistributionPoints())
            {
                if (point.DistributionPointName?.Name is GeneralNames names)
                {
                    result.AddRange(names.GetNames().Where(n => n.TagNo == GeneralName.UniformResourceIdentifier)
                        .Select(n => DerIA5String.GetInstance(n.Name).GetString()));
                }
            }
        }

        return result;
    }

    public static CertificateSummary Summary(X509Certificate c) =>
        new(c.SubjectDN.ToString(), c.IssuerDN.ToString(), c.SerialNumber.ToString(16), c.NotBefore, c.NotAfter);
}
