using Mys.Signing.Signatures.Validation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Mys.Signing.Signatures.Invoices;

/// <summary>What kind of certificate signed an e-Fatura.</summary>
public enum EInvoiceSignerKind
{
    /// <summary>A company seal (Mali Mühür, Kamu SM policy 2.16.792.1.2.1.1.5.7.4.1); its subject serialNumber is a VKN.</summary>
    FinancialSeal,

    /// <summary>A person's qualified certificate (NES: QcCompliance and the BTK statement); serialNumber is a TCKN.</summary>
    PersonalNes,

    /// <summary>Any other certificate (not a Mali Mühür, not a qualified personal certificate).</summary>
    Other,
}

/// <summary>
/// The signer of an e-Fatura as read from its certificate: the kind, the name (organisation or person), the VKN or
/// TCKN from the subject serialNumber (2.5.4.5; 10 digits = VKN, 11 = TCKN) and the subject as written.
/// </summary>
public sealed record EInvoiceSigner(EInvoiceSignerKind Kind, string? Name, string? TaxId, string Subject)
{
    /// <summary>Kamu SM Mali Mühür certificate policy.</summary>
    public const string FinancialSealPolicyOid = "2.16.792.1.2.1.1.5.7.4.1";

    /// <summary>Kamu SM Mali Mühür extended key usage.</summary>
    public const string FinancialSealKeyPurposeOid = "2.16.792.1.2.1.1.5.7.50.1";

    public string TaxIdLabel => TaxId?.Length == 11 ? "TCKN" : "VKN";

    /// <summary>"Mali Mühür — ABC A.Ş. (VKN 4540536920)" / "Nitelikli elektronik sertifika (NES) — Ayşe Yılmaz (TCKN …)".</summary>
    public string Description
    {
        get
        {
            var kind = Kind switch
            {
                EInvoiceSignerKind.FinancialSeal => "Mali Mühür",
                EInvoiceSignerKind.PersonalNes => "Nitelikli elektronik sertifika (NES)",
                _ => "Sertifika (Mali Mühür veya kişisel NES değil)",
            };
            var id = TaxId is null ? string.Empty : $" ({TaxIdLabel} {TaxId})";
            return $"{kind} — {Name ?? Subject}{id}";
        }
    }

    public static EInvoiceSigner From(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var serial = CertificateProfile.Tckn(certificate);
        var digits = serial is null ? null : new string(serial.Where(char.IsAsciiDigit).ToArray());
        var taxId = digits is { Length: 10 or 11 } ? digits : null;
        var organisation = First(certificate, X509Name.O);
        var commonName = CertificateProfile.CommonName(certificate);
        var subject = certificate.SubjectDN.ToString();
        if (IsFinancialSeal(certificate))
        {
            return new EInvoiceSigner(EInvoiceSignerKind.FinancialSeal, commonName ?? organisation, taxId, subject);
        }

        return CertificateProfile.IsQualified(certificate) && taxId is { Length: 11 }
            ? new EInvoiceSigner(EInvoiceSignerKind.PersonalNes, commonName, taxId, subject)
            : new EInvoiceSigner(EInvoiceSignerKind.Other, commonName ?? organisation, taxId, subject);
    }

    private static bool IsFinancialSeal(X509Certificate certificate)
    {
        var policies = certificate.GetExtensionValue(X509Extensions.CertificatePolicies);
        if (policies is not null)
        {
            foreach (Asn1Encodable policy in Asn1Sequence.GetInstance(X509ExtensionUtilities.FromExtensionValue(policies)))
            {
                if (string.Equals(PolicyInformation.GetInstance(policy).PolicyIdentifier.Id, FinancialSealPolicyOid, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        var purposes = certificate.GetExtendedKeyUsage();
        return purposes is not null && purposes.Cast<object>().Any(p => string.Equals(p?.ToString(), FinancialSealKeyPurposeOid, StringComparison.Ordinal));
    }

    private static string? First(X509Certificate certificate, DerObjectIdentifier oid)
    {
        var values = certificate.SubjectDN.GetValueList(oid);
        return values.Count > 0 ? values[0]?.ToString() : null;
    }
}
