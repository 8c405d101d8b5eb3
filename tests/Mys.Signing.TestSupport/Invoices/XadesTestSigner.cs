using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Invoices;

namespace Mys.Signing.TestSupport.Invoices;

/// <summary>How the test signer writes an ECDSA SignatureValue.</summary>
public enum EcdsaValueEncoding
{
    /// <summary>r‖s, as XMLDSig requires.</summary>
    Raw,

    /// <summary>DER SEQUENCE { r, s }, as some real issuers write it.</summary>
    Der,
}

/// <summary>Options of <see cref="XadesTestSigner"/>; the defaults are what Kamu SM Mali Mühür P-384 seals produce.</summary>
public sealed record XadesTestOptions
{
    public string CanonicalizationMethod { get; init; } = XmlDsigCanonicalizer.C14N;

    public string DigestMethod { get; init; } = XmlDsigAlgorithms.Sha256;

    /// <summary>Null: RSA-SHA256 for an RSA key, ECDSA-SHA384 for an EC key.</summary>
    public string? SignatureMethod { get; init; }

    public EcdsaValueEncoding EcdsaEncoding { get; init; } = EcdsaValueEncoding.Raw;

    /// <summary>Sign with this key while KeyInfo carries the certificate (a signature value that does not verify).</summary>
    public DevPkiEntry? SignWith { get; init; }

    public DateTimeOffset SigningTime { get; init; } = new(2025, 6, 5, 11, 30, 0, TimeSpan.Zero);
}

/// <summary>
/// A XAdES-BES writer for tests only: an enveloped ds:Signature in ext:ExtensionContent as UBL-TR issuers write it —
/// a reference to the whole invoice (enveloped-signature transform), one to the xades:SignedProperties (signing time,
/// SigningCertificate digest), the certificate in KeyInfo — signed with RSA or ECDSA (raw r‖s or DER). The document is
/// assembled as text around the invoice's exact bytes, so a <c>&amp;#13;</c> stays as written; <c>xmlsec1</c> is the
/// independent judge of what it produces.
/// </summary>
public static class XadesTestSigner
{
    private const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

    public static string Sign(UblTrTestInvoice invoice, DevPkiEntry seal, XadesTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(seal);
        options ??= new XadesTestOptions();
        var template = invoice.Template();
        var id = "Signature_" + invoice.Number;
        var propertiesId = "SignedProperties_" + invoice.Number;
        var isEc = seal.KeyType is DevKeyType.EcP256 or DevKeyType.EcP384;
        var method = options.SignatureMethod ?? (isEc ? XmlDsigAlgorithms.EcdsaSha384 : XmlDsigAlgorithms.RsaSha256);
        var digest = XmlDsigAlgorithms.Digest(options.DigestMethod) ?? throw new ArgumentException("digest", nameof(options));

        var documentDigest = Digest(digest, XmlDsigCanonicalizer.Canonicalize(Load(invoice.Xml), XmlDsigCanonicalizer.C14N));
        string Skeleton(string propertiesDigest, string value) =>
            Signature(id, propertiesId, options, method, documentDigest, propertiesDigest, value, seal.CertificateDer);

        var withProperties = Load(template.Replace(UblTrTestInvoice.SignatureSlot, Skeleton("AA==", "AA=="), StringComparison.Ordinal));
        var properties = ById(withProperties, propertiesId);
        var propertiesDigest = Digest(digest, XmlDsigCanonicalizer.Canonicalize(properties, XmlDsigCanonicalizer.C14N));

        var withInfo = Load(template.Replace(UblTrTestInvoice.SignatureSlot, Skeleton(propertiesDigest, "AA=="), StringComparison.Ordinal));
        var signedInfo = (XmlElement)withInfo.GetElementsByTagName("SignedInfo", EInvoiceSignatureChecker.DsNamespace)[0]!;
        var octets = XmlDsigCanonicalizer.Canonicalize(signedInfo, options.CanonicalizationMethod);
        var value = SignatureValue(options.SignWith ?? seal, method, octets, options.EcdsaEncoding);
        return template.Replace(UblTrTestInvoice.SignatureSlot, Skeleton(propertiesDigest, Convert.ToBase64String(value)), StringComparison.Ordinal);
    }

    /// <summary>The same file with a DER ECDSA SignatureValue rewritten as r‖s (what the issue converted before asking xmlsec1).</summary>
    public static string DerToRaw(string signedXml, int fieldBytes)
    {
        const string open = "<ds:SignatureValue>";
        var start = signedXml.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = signedXml.IndexOf("</ds:SignatureValue>", start, StringComparison.Ordinal);
        var raw = EcdsaSignatureValue.DerToRaw(Convert.FromBase64String(signedXml[start..end]), fieldBytes)
                  ?? throw new InvalidOperationException("The SignatureValue is not DER.");
        return string.Concat(signedXml.AsSpan(0, start), Convert.ToBase64String(raw), signedXml.AsSpan(end));
    }

    private static string Signature(string id, string propertiesId, XadesTestOptions options, string method, string documentDigest, string propertiesDigest,
        string value, byte[] certificate)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        var certDigest = Convert.ToBase64String(SHA256.HashData(certificate));
        var serial = new System.Numerics.BigInteger(parsed.GetSerialNumber(), isUnsigned: true).ToString(CultureInfo.InvariantCulture);
        var time = options.SigningTime.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var c14n = options.CanonicalizationMethod;
        return "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"" + id + "\">"
            + "<ds:SignedInfo>"
            + $"<ds:CanonicalizationMethod Algorithm=\"{c14n}\"/>"
            + $"<ds:SignatureMethod Algorithm=\"{method}\"/>"
            + "<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/></ds:Transforms>"
            + $"<ds:DigestMethod Algorithm=\"{options.DigestMethod}\"/><ds:DigestValue>{documentDigest}</ds:DigestValue></ds:Reference>"
            + $"<ds:Reference Type=\"{SignedPropertiesType}\" URI=\"#{propertiesId}\">"
            + $"<ds:DigestMethod Algorithm=\"{options.DigestMethod}\"/><ds:DigestValue>{propertiesDigest}</ds:DigestValue></ds:Reference>"
            + "</ds:SignedInfo>"
            + $"<ds:SignatureValue>{value}</ds:SignatureValue>"
            + $"<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            + $"<ds:Object><xades:QualifyingProperties xmlns:xades=\"{EInvoiceSignatureChecker.XadesNamespace}\" Target=\"#{id}\">"
            + $"<xades:SignedProperties Id=\"{propertiesId}\"><xades:SignedSignatureProperties>"
            + $"<xades:SigningTime>{time}</xades:SigningTime>"
            + "<xades:SigningCertificate><xades:Cert><xades:CertDigest>"
            + $"<ds:DigestMethod Algorithm=\"{XmlDsigAlgorithms.Sha256}\"/><ds:DigestValue>{certDigest}</ds:DigestValue></xades:CertDigest>"
            + $"<xades:IssuerSerial><ds:X509IssuerName>{SecurityElement.Escape(parsed.Issuer)}</ds:X509IssuerName><ds:X509SerialNumber>{serial}</ds:X509SerialNumber></xades:IssuerSerial>"
            + "</xades:Cert></xades:SigningCertificate></xades:SignedSignatureProperties></xades:SignedProperties>"
            + "</xades:QualifyingProperties></ds:Object>"
            + "</ds:Signature>";
    }

    private static byte[] SignatureValue(DevPkiEntry key, string method, byte[] data, EcdsaValueEncoding encoding)
    {
        var (_, hash) = XmlDsigAlgorithms.Signature(method) ?? throw new ArgumentException("Unsupported signature method " + method, nameof(method));
        var digest = XmlDsigAlgorithms.Hash(hash, data);
        if (key.KeyType is DevKeyType.EcP256 or DevKeyType.EcP384)
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(key.Pkcs8PrivateKey, out _);
            return ec.SignHash(digest, encoding == EcdsaValueEncoding.Der ? DSASignatureFormat.Rfc3279DerSequence : DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(key.Pkcs8PrivateKey, out _);
        return rsa.SignHash(digest, hash, RSASignaturePadding.Pkcs1);
    }

    private static string Digest(HashAlgorithmName hash, byte[] data) => Convert.ToBase64String(XmlDsigAlgorithms.Hash(hash, data));

    private static XmlDocument Load(string xml) => XmlDsigCanonicalizer.Load(Encoding.UTF8.GetBytes(xml));

    private static XmlElement ById(XmlDocument document, string id) =>
        document.GetElementsByTagName("*").OfType<XmlElement>().Single(e => e.GetAttribute("Id") == id);
}
