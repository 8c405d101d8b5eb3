using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Mys.Signing.Signatures.Invoices;

namespace Mys.Signing.Signatures.Tests.Invoices;

public sealed class EInvoiceSignatureCheckerTests
{
    private const string Unsigned = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent/></ext:UBLExtension></ext:UBLExtensions><cbc:ID>ABC2026000000123</cbc:ID><cbc:UUID>e093a490-dd99-11dd-ad8b-0800200c9a66</cbc:UUID><cbc:PayableAmount currencyID="TRY">1180.00</cbc:PayableAmount></Invoice>
        """;

    [Fact]
    public void A_signed_invoice_verifies_and_the_message_says_what_was_not_checked()
    {
        var report = EInvoiceSignatureChecker.Check(Sign(Unsigned));

        report.Status.ShouldBe(EInvoiceSignatureStatus.Verified);
        report.Signer!.Name.ShouldBe("Işık Kırtasiye e-Fatura");
        report.Signer.Kind.ShouldBe(EInvoiceSignerKind.Other, "a self-signed certificate without the Mali Mühür policy or QC statements");
        report.Message.ShouldContain("fatura içeriği (XAdES imzalı özellikleri yok) imzalandığı hâliyle duruyor");
        report.Message.ShouldContain("Sertifika zinciri, geçerlilik süresi ve iptal durumu denetlenmedi");
    }

    [Fact]
    public void A_changed_amount_after_signing_is_invalid()
    {
        var signed = Encoding.UTF8.GetString(Sign(Unsigned)).Replace("1180.00", "9180.00", StringComparison.Ordinal);

        EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(signed)).Status.ShouldBe(EInvoiceSignatureStatus.Altered);
    }

    [Fact]
    public void A_signature_value_of_another_key_is_invalid()
    {
        var signed = Sign(Unsigned, swapCertificate: true);

        EInvoiceSignatureChecker.Check(signed).Status.ShouldBe(EInvoiceSignatureStatus.SignatureInvalid);
    }

    [Fact]
    public void An_unsigned_invoice_says_the_signature_was_not_verified()
    {
        var report = EInvoiceSignatureChecker.Check(Encoding.UTF8.GetBytes(Unsigned));

        report.Status.ShouldBe(EInvoiceSignatureStatus.NotSigned);
        report.Message.ShouldContain("imza doğrulanmadı");
    }

    /// <summary>An enveloped XML-DSig signature placed in ext:ExtensionContent, as UBL-TR does (without the XAdES properties).</summary>
    private static byte[] Sign(string xml, bool swapCertificate = false)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        using var key = RSA.Create(2048);
        using var certificate = SelfSigned(key, "CN=Işık Kırtasiye e-Fatura, O=Test");
        using var otherKey = RSA.Create(2048);
        using var other = SelfSigned(otherKey, "CN=Başka, O=Test");
        var signed = new SignedXml(document) { SigningKey = key };
        var reference = new Reference(string.Empty);
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.DigestMethod = SignedXml.XmlDsigSHA256Url;
        signed.AddReference(reference);
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var info = new KeyInfo();
        info.AddClause(new KeyInfoX509Data(swapCertificate ? other : certificate));
        signed.KeyInfo = info;
        signed.ComputeSignature();
        var manager = new XmlNamespaceManager(document.NameTable);
        manager.AddNamespace("ext", "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2");
        document.SelectSingleNode("//ext:ExtensionContent", manager)!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
        return Encoding.UTF8.GetBytes(document.OuterXml);
    }

    private static X509Certificate2 SelfSigned(RSA key, string subject)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
