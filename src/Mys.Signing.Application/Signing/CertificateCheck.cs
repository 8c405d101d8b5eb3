using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Common;
using Mys.Signing.Signatures.Common;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The signer certificate as the bridge reported it, checked before anything is prepared: chain to a configured
/// anchor, validity now, revocation (OCSP, then CRL), both QC statements, nonRepudiation, and the subject
/// serialNumber equal to the user's TCKN. Each failure has its own code and Turkish message.
/// </summary>
public static class CertificateCheck
{
    /// <summary>Decodes the base64 DER certificate; null when it is not one.</summary>
    public static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        try
        {
            var der = Convert.FromBase64String(base64.Trim());
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return der;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    public static Refusal Malformed() =>
        new(RefusalKind.Unprocessable, "CERT_MALFORMED", "Karttan gelen sertifika okunamadı. Kartı çıkarıp yeniden takın ve tekrar deneyin.");

    /// <summary>The refusal for the certificate, or null when it may sign for the user with <paramref name="userTckn"/>.</summary>
    public static async Task<Refusal?> CheckAsync(SigningComponents signing, byte[] certificateDer, string userTckn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signing);
        var report = await signing.CertificateChecker.CheckSigningCertificateAsync(certificateDer, signing.Settings.Intermediates, ct);
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        bool Has(string finding) => report.Findings.Any(f => f.StartsWith(finding, StringComparison.Ordinal));
        (string Code, string Message)? refusal =
            Has("CHAIN_NOT_TRUSTED") ? ("CERT_UNTRUSTED",
                "Sertifika, güvenilen bir elektronik sertifika hizmet sağlayıcısına (ESHS) zincirlenemedi; bu sertifikayla imza atılamaz.")
            : Has("CERTIFICATE_EXPIRED") ? ("CERT_EXPIRED",
                $"Sertifikanızın geçerlilik süresi {TurkeyTime.FormatDate(TurkeyTime.DateOf(certificate.NotAfter))} tarihinde dolmuş. Yeni nitelikli elektronik sertifika (NES) edinin.")
            : Has("CERTIFICATE_NOT_YET_VALID") ? ("CERT_NOT_YET_VALID",
                $"Sertifikanız henüz geçerli değil; {TurkeyTime.Stamp(certificate.NotBefore)} itibarıyla geçerli olacak.")
            : Has("CERTIFICATE_REVOKED") || Has("CA_CERTIFICATE_REVOKED") ? ("CERT_REVOKED",
                "Sertifikanız iptal edilmiş; bu sertifikayla imza atılamaz. Elektronik sertifika hizmet sağlayıcınızla görüşün.")
            : Has("REVOCATION_DATA_UNAVAILABLE") || Has("REVOCATION_STATUS_UNKNOWN") || Has("CA_REVOCATION_DATA_UNAVAILABLE") ? ("CERT_REVOCATION_UNAVAILABLE",
                "Sertifikanın iptal durumu sorgulanamadı (OCSP/SİL servisine ulaşılamıyor). Birkaç dakika sonra yeniden deneyin.")
            : Has("NOT_QUALIFIED") ? ("CERT_NOT_QUALIFIED",
                "Bu sertifika nitelikli elektronik sertifika (NES) değil; ödeme emri belgesi yalnızca NES ile imzalanabilir.")
            : Has("KEY_USAGE_NON_REPUDIATION_MISSING") ? ("CERT_KEY_USAGE",
                "Bu sertifika imza için değil (inkâr edilemezlik/nonRepudiation anahtar kullanımı yok). Kartınızdaki imza sertifikasını seçin.")
            : !report.IsPassed ? ("CERT_INVALID", "Sertifika doğrulanamadı: " + report.Message)
            : !string.Equals(report.Tckn, userTckn, StringComparison.Ordinal) ? ("CERT_TCKN_MISMATCH",
                "Karttaki sertifika başka bir kişiye ait (T.C. kimlik numarası sizinkiyle uyuşmuyor). Kendi kartınızı takın.")
            : null;
        return refusal is { } r ? new Refusal(RefusalKind.Unprocessable, r.Code, r.Message) : null;
    }

    /// <summary>SHA-384 for P-384 keys, SHA-256 otherwise; and the JOSE-style name of the card operation.</summary>
    public static (DigestAlgorithm Digest, string DigestName, string SignatureName) Algorithms(byte[] certificateDer)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return ec.KeySize >= 384 ? (DigestAlgorithm.Sha384, "SHA-384", "ES384") : (DigestAlgorithm.Sha256, "SHA-256", "ES256");
        }

        return (DigestAlgorithm.Sha256, "SHA-256", "RS256");
    }
}
