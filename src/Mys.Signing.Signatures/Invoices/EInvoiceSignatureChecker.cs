using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Mys.Signing.Signatures.Invoices;

public enum EInvoiceSignatureStatus
{
    /// <summary>No ds:Signature element in the document.</summary>
    Absent,

    /// <summary>Every reference digest matches and the signature value verifies with the embedded certificate.</summary>
    IntegrityVerified,

    /// <summary>A digest or the signature value does not match, or the signature cannot be read.</summary>
    Invalid,
}

/// <summary>The outcome and a Turkish sentence that says exactly what was checked.</summary>
public sealed record EInvoiceSignatureReport(EInvoiceSignatureStatus Status, string Message, string? SignerSubject);

/// <summary>
/// Cryptographic integrity of the XAdES signature embedded in a UBL-TR e-Fatura: the first ds:Signature is read, each of
/// its references (the enveloped document, the XAdES SignedProperties) is digested and compared, and the signature value is
/// verified with the certificate in its KeyInfo. Not checked: the certificate's chain, validity period, revocation, the
/// signing time and whether the signer is the supplier — the message says so.
/// </summary>
public static class EInvoiceSignatureChecker
{
    public static EInvoiceSignatureReport Check(ReadOnlyMemory<byte> xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var input = new MemoryStream(xml.ToArray(), writable: false);
            using var reader = XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document.Load(reader);
        }
        catch (XmlException)
        {
            return Invalid("e-Fatura XML'i okunamadı; imza denetlenemedi.");
        }

        var signatures = document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count == 0 || signatures[0] is not XmlElement element)
        {
            return new EInvoiceSignatureReport(EInvoiceSignatureStatus.Absent, "e-Fatura'da elektronik imza (XAdES) bulunmuyor; imza doğrulanmadı.", null);
        }

        try
        {
            var signed = new SignedXml(document);
            signed.LoadXml(element);
            using var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>()
                .SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? [])
                .FirstOrDefault();
            if (certificate is null)
            {
                return Invalid("e-Fatura imzasında sertifika yok; imza doğrulanmadı.");
            }

            return signed.CheckSignature(certificate, verifySignatureOnly: true)
                ? new EInvoiceSignatureReport(
                    EInvoiceSignatureStatus.IntegrityVerified,
                    "e-Fatura imzasının bütünlüğü doğrulandı (özet değerleri ve imza değeri, gömülü sertifikayla). "
                    + "Sertifika zinciri, geçerlilik süresi, iptal durumu ve imza zamanı denetlenmedi.",
                    certificate.Subject)
                : Invalid("e-Fatura imzası doğrulanamadı: belge imzalandıktan sonra değiştirilmiş veya imza değeri sertifikayla uyuşmuyor.");
        }
        catch (CryptographicException)
        {
            return Invalid("e-Fatura imzası okunamadı veya desteklenmeyen bir biçimde; imza doğrulanmadı.");
        }
    }

    private static EInvoiceSignatureReport Invalid(string message) => new(EInvoiceSignatureStatus.Invalid, message, null);
}
