using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Org.BouncyCastle.X509;

namespace Mys.Signing.Signatures.Invoices;

public enum EInvoiceSignatureStatus
{
    /// <summary>No ds:Signature element in the document.</summary>
    NotSigned,

    /// <summary>Every reference digest matches and the signature value verifies with the embedded certificate.</summary>
    Verified,

    /// <summary>As <see cref="Verified"/>, but the ECDSA signature value is DER-encoded instead of XMLDSig's r‖s.</summary>
    VerifiedNonStandardEncoding,

    /// <summary>A reference digest differs: something signed was changed after signing.</summary>
    Altered,

    /// <summary>Every digest matches but the signature value does not verify (or the signed properties name another certificate).</summary>
    SignatureInvalid,

    /// <summary>The signature could not be checked: unreadable, unsupported algorithm or transform, no certificate.</summary>
    CouldNotCheck,
}

/// <summary>
/// The outcome, a Turkish sentence that says exactly what was and was not checked, the signer read from the certificate
/// (null when no certificate was found), whether the signer's VKN/TCKN is the supplier's (null when either is unknown)
/// and the signature algorithm.
/// </summary>
public sealed record EInvoiceSignatureReport(
    EInvoiceSignatureStatus Status, string Message, EInvoiceSigner? Signer = null, bool? SignerIsSupplier = null, string? Algorithm = null)
{
    public string? SignerSubject => Signer?.Subject;

    public bool IsVerified => Status is EInvoiceSignatureStatus.Verified or EInvoiceSignatureStatus.VerifiedNonStandardEncoding;
}

/// <summary>
/// Verifies the XAdES signature embedded in a UBL-TR e-Fatura as an independent verifier does, over the document as
/// received: the first ds:Signature (in ext:UBLExtensions), each of its references — the whole invoice ("" with the
/// enveloped-signature transform), the XAdES SignedProperties and any other "#id" — canonicalised per its transforms
/// without re-serialising anything (<see cref="XmlDsigCanonicalizer"/>), digested (SHA-1/SHA-2) and compared; then the
/// canonical SignedInfo against the SignatureValue with the KeyInfo certificate's key: RSA PKCS#1 v1.5 or ECDSA
/// (P-256/P-384/P-521; r‖s, or DER, noted as non-standard). The XAdES SigningCertificate digest, when present, must name
/// that certificate. Not checked: the certificate chain, its validity period and revocation (no trust anchors are
/// configured for e-Fatura), the signing time — the message says so.
/// </summary>
public static class EInvoiceSignatureChecker
{
    public const string DsNamespace = "http://www.w3.org/2000/09/xmldsig#";
    public const string XadesNamespace = "http://uri.etsi.org/01903/v1.3.2#";

    private const string NotChecked = "Sertifika zinciri, geçerlilik süresi ve iptal durumu denetlenmedi: e-Fatura için güven kökleri (Kamu SM, TÜRKTRUST vb.) yapılandırılmamış.";

    public static EInvoiceSignatureReport Check(ReadOnlyMemory<byte> xml, string? supplierTaxId = null)
    {
        XmlDocument document;
        try
        {
            document = XmlDsigCanonicalizer.Load(xml);
        }
        catch (XmlException ex)
        {
            return CouldNotCheck($"e-Fatura XML'i okunamadı (satır {ex.LineNumber}, sütun {ex.LinePosition})");
        }

        var signatures = document.GetElementsByTagName("Signature", DsNamespace);
        if (signatures.Count == 0 || signatures[0] is not XmlElement signature)
        {
            return new EInvoiceSignatureReport(EInvoiceSignatureStatus.NotSigned, "e-Fatura'da elektronik imza (XAdES) bulunmuyor; imza doğrulanmadı.");
        }

        try
        {
            return Verify(document, signature, supplierTaxId?.Trim());
        }
        catch (CryptographicException ex)
        {
            return CouldNotCheck("imza okunamadı (" + ex.Message + ")");
        }
        catch (FormatException)
        {
            return CouldNotCheck("imzadaki base64 değerlerinden biri okunamadı");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IOException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            // A certificate .NET loads but whose extensions BouncyCastle cannot read (malformed policies, names…).
            return CouldNotCheck("imzadaki sertifika okunamadı (" + ex.Message + ")");
        }
    }

    private static EInvoiceSignatureReport Verify(XmlDocument document, XmlElement signature, string? supplierTaxId)
    {
        var signedInfo = Child(signature, "SignedInfo");
        var valueText = Child(signature, "SignatureValue")?.InnerText;
        if (signedInfo is null || string.IsNullOrWhiteSpace(valueText))
        {
            return CouldNotCheck("ds:SignedInfo veya ds:SignatureValue yok");
        }

        var c14n = Child(signedInfo, "CanonicalizationMethod");
        var c14nAlgorithm = c14n?.GetAttribute("Algorithm");
        if (!XmlDsigCanonicalizer.IsSupported(c14nAlgorithm))
        {
            return CouldNotCheck($"desteklenmeyen kanonikleştirme yöntemi ({c14nAlgorithm})");
        }

        var methodUri = Child(signedInfo, "SignatureMethod")?.GetAttribute("Algorithm");
        if (XmlDsigAlgorithms.Signature(methodUri) is not { } method)
        {
            return CouldNotCheck($"desteklenmeyen imza algoritması ({methodUri})");
        }

        var algorithm = XmlDsigAlgorithms.Name(method.Key, method.Hash);
        var certificates = Certificates(signature);
        if (certificates.Count == 0)
        {
            return CouldNotCheck("imzada (ds:KeyInfo/ds:X509Data) sertifika yok");
        }

        var (certificate, namedByProperties) = SigningCertificate(signature, certificates);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate);
        var signer = EInvoiceSigner.From(new X509CertificateParser().ReadCertificate(certificate)
                                         ?? throw new CryptographicException("KeyInfo certificate is empty."));
        bool? isSupplier = signer.TaxId is null || string.IsNullOrEmpty(supplierTaxId) ? null : string.Equals(signer.TaxId, supplierTaxId, StringComparison.Ordinal);

        // Every reference: resolved, transformed, digested, compared.
        var coversInvoice = false;
        var signsProperties = false;
        var altered = new List<string>();
        foreach (var reference in Children(signedInfo, "Reference"))
        {
            var outcome = CheckReference(document, signature, reference);
            if (outcome.Problem is { } problem)
            {
                return CouldNotCheck(problem, signer, isSupplier, algorithm);
            }

            coversInvoice |= outcome.IsWholeDocument;
            signsProperties |= outcome.IsSignedProperties;
            if (!outcome.Matches)
            {
                altered.Add(outcome.What);
            }
        }

        if (altered.Count > 0)
        {
            return Report(EInvoiceSignatureStatus.Altered,
                $"e-Fatura imzası doğrulanamadı: {string.Join(" ve ", altered)} imzalandıktan sonra değiştirilmiş (özet değeri tutmuyor).",
                signer, isSupplier, algorithm);
        }

        if (!coversInvoice)
        {
            return CouldNotCheck("imza faturanın tamamını (URI=\"\" ve enveloped-signature dönüşümü) kapsamıyor", signer, isSupplier, algorithm);
        }

        var canonicalSignedInfo = XmlDsigCanonicalizer.Canonicalize(signedInfo, c14nAlgorithm!,
            InclusivePrefixes(c14n!));
        var value = Convert.FromBase64String(valueText!.Trim());
        var verdict = method.Key == XmlDsigKeyType.Rsa
            ? VerifyRsa(x509, canonicalSignedInfo, value, method.Hash)
            : VerifyEcdsa(x509, canonicalSignedInfo, value, method.Hash);
        if (verdict is null)
        {
            return CouldNotCheck($"imza algoritması ({algorithm}) sertifikanın anahtar türüyle uyuşmuyor", signer, isSupplier, algorithm);
        }

        if (verdict == EInvoiceSignatureStatus.SignatureInvalid)
        {
            return Report(EInvoiceSignatureStatus.SignatureInvalid,
                $"e-Fatura imzası geçersiz: imzalanan içerik değişmemiş (özetler tutuyor), ancak imza değeri ({algorithm}) gömülü sertifikanın anahtarıyla doğrulanmıyor.",
                signer, isSupplier, algorithm);
        }

        if (namedByProperties == false)
        {
            return Report(EInvoiceSignatureStatus.SignatureInvalid,
                "e-Fatura imzası geçersiz: imzalı özelliklerdeki (xades:SigningCertificate) sertifika özeti, imzayı doğrulayan sertifikayla uyuşmuyor.",
                signer, isSupplier, algorithm);
        }

        var covered = signsProperties ? "fatura içeriği ve imzalı özellikler (XAdES SignedProperties)" : "fatura içeriği (XAdES imzalı özellikleri yok)";
        var message = verdict == EInvoiceSignatureStatus.VerifiedNonStandardEncoding
            ? $"e-Fatura imzası doğrulandı: {covered} imzalandığı hâliyle duruyor; imza değeri ({algorithm}) gömülü sertifikayla doğrulandı. "
              + "İmza değeri XMLDSig'in r‖s biçiminde değil, standart dışı DER kodlamasıyla yazılmış; bu belge değiştirildiği anlamına gelmez."
            : $"e-Fatura imzası doğrulandı: {covered} imzalandığı hâliyle duruyor; imza değeri ({algorithm}) gömülü sertifikayla doğrulandı.";
        return Report(verdict.Value, message, signer, isSupplier, algorithm);
    }

    private sealed record ReferenceOutcome(bool Matches, string What, bool IsWholeDocument, bool IsSignedProperties, string? Problem);

    private static ReferenceOutcome CheckReference(XmlDocument document, XmlElement signature, XmlElement reference)
    {
        var uri = reference.GetAttribute("URI");
        var hasUri = reference.HasAttribute("URI");
        var digestUri = Child(reference, "DigestMethod")?.GetAttribute("Algorithm");
        if (XmlDsigAlgorithms.Digest(digestUri) is not { } digest)
        {
            return Problem($"desteklenmeyen özet algoritması ({digestUri})");
        }

        var expectedText = Child(reference, "DigestValue")?.InnerText.Trim();
        if (string.IsNullOrEmpty(expectedText))
        {
            return Problem("bir ds:Reference'ta ds:DigestValue yok");
        }

        XmlNode target;
        string what;
        var isProperties = false;
        if (hasUri && uri.Length == 0)
        {
            target = document;
            what = "fatura içeriği";
        }
        else if (uri.StartsWith('#') && uri.Length > 1)
        {
            var found = ById(document, uri[1..]);
            if (found.Count != 1)
            {
                return Problem(found.Count == 0 ? $"imzanın gösterdiği {uri} öğesi belgede yok" : $"{uri} kimliği belgede birden çok öğede var");
            }

            target = found[0];
            isProperties = found[0].LocalName == "SignedProperties" && found[0].NamespaceURI == XadesNamespace;
            what = isProperties ? "imzalı özellikler (XAdES SignedProperties)" : found[0].LocalName == "KeyInfo" ? "imzadaki sertifika bilgisi (ds:KeyInfo)" : $"{uri} öğesi";
        }
        else
        {
            return Problem($"desteklenmeyen başvuru (URI=\"{uri}\"); yalnızca belge içi başvurular denetlenir");
        }

        var enveloped = false;
        string c14n = XmlDsigCanonicalizer.C14N;
        string? prefixes = null;
        var transforms = Child(reference, "Transforms");
        var list = transforms is null ? [] : Children(transforms, "Transform").ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var algorithm = list[i].GetAttribute("Algorithm");
            if (algorithm == XmlDsigAlgorithms.EnvelopedSignature || IsEnvelopingXPath(list[i]))
            {
                enveloped = true;
            }
            else if (XmlDsigCanonicalizer.IsSupported(algorithm) && i == list.Count - 1)
            {
                c14n = algorithm;
                prefixes = InclusivePrefixes(list[i]);
            }
            else
            {
                return Problem($"desteklenmeyen dönüşüm ({algorithm})");
            }
        }

        var octets = XmlDsigCanonicalizer.Canonicalize(target, c14n, prefixes, enveloped ? signature : null);
        var actual = XmlDsigAlgorithms.Hash(digest, octets);
        var expected = Convert.FromBase64String(expectedText);
        return new ReferenceOutcome(CryptographicOperations.FixedTimeEquals(actual, expected), what, target is XmlDocument && enveloped, isProperties, null);

        static ReferenceOutcome Problem(string text) => new(false, string.Empty, false, false, text);
    }

    // XPath filter "not(ancestor-or-self::ds:Signature)", the older way of writing the enveloped-signature transform.
    private static bool IsEnvelopingXPath(XmlElement transform)
    {
        if (transform.GetAttribute("Algorithm") != XmlDsigAlgorithms.XPath)
        {
            return false;
        }

        var expression = string.Concat(Child(transform, "XPath")?.InnerText.Where(c => !char.IsWhiteSpace(c)) ?? []);
        return expression.StartsWith("not(ancestor-or-self::", StringComparison.Ordinal) && expression.EndsWith(":Signature)", StringComparison.Ordinal);
    }

    private static string? InclusivePrefixes(XmlElement transformOrMethod) =>
        transformOrMethod.GetElementsByTagName("InclusiveNamespaces", XmlDsigCanonicalizer.ExcC14N).OfType<XmlElement>().FirstOrDefault()?.GetAttribute("PrefixList");

    private static EInvoiceSignatureStatus? VerifyRsa(X509Certificate2 certificate, byte[] data, byte[] value, HashAlgorithmName hash)
    {
        using var rsa = certificate.GetRSAPublicKey();
        return rsa is null ? null
            : rsa.VerifyData(data, value, hash, RSASignaturePadding.Pkcs1) ? EInvoiceSignatureStatus.Verified : EInvoiceSignatureStatus.SignatureInvalid;
    }

    private static EInvoiceSignatureStatus? VerifyEcdsa(X509Certificate2 certificate, byte[] data, byte[] value, HashAlgorithmName hash)
    {
        using var ecdsa = certificate.GetECDsaPublicKey();
        if (ecdsa is null)
        {
            return null;
        }

        var fieldBytes = (ecdsa.KeySize + 7) / 8;
        if (value.Length == 2 * fieldBytes && ecdsa.VerifyData(data, value, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return EInvoiceSignatureStatus.Verified;
        }

        return EcdsaSignatureValue.IsDer(value) && ecdsa.VerifyData(data, value, hash, DSASignatureFormat.Rfc3279DerSequence)
            ? EInvoiceSignatureStatus.VerifiedNonStandardEncoding
            : EInvoiceSignatureStatus.SignatureInvalid;
    }

    private static List<byte[]> Certificates(XmlElement signature)
    {
        var keyInfo = Child(signature, "KeyInfo");
        return keyInfo is null ? []
            : keyInfo.GetElementsByTagName("X509Certificate", DsNamespace).OfType<XmlElement>()
                .Select(e => Convert.FromBase64String(string.Concat(e.InnerText.Where(c => !char.IsWhiteSpace(c))))).ToList();
    }

    // The certificate the XAdES SigningCertificate(V2) digest names (true), or — without those properties — the first
    // end-entity certificate of KeyInfo (null); false when the properties name none of the KeyInfo certificates.
    private static (byte[] Certificate, bool? NamedByProperties) SigningCertificate(XmlElement signature, List<byte[]> certificates)
    {
        var digests = signature.GetElementsByTagName("CertDigest", XadesNamespace).OfType<XmlElement>().ToList();
        foreach (var certDigest in digests)
        {
            var algorithm = XmlDsigAlgorithms.Digest(Child(certDigest, "DigestMethod")?.GetAttribute("Algorithm"));
            var valueText = Child(certDigest, "DigestValue")?.InnerText.Trim();
            if (algorithm is not { } hash || string.IsNullOrEmpty(valueText))
            {
                continue;
            }

            var expected = Convert.FromBase64String(valueText);
            foreach (var candidate in certificates)
            {
                if (CryptographicOperations.FixedTimeEquals(XmlDsigAlgorithms.Hash(hash, candidate), expected))
                {
                    return (candidate, true);
                }
            }
        }

        var endEntity = certificates.FirstOrDefault(c =>
        {
            using var parsed = X509CertificateLoader.LoadCertificate(c);
            return parsed.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true };
        }) ?? certificates[0];
        return (endEntity, digests.Count > 0 ? false : null);
    }

    private static List<XmlElement> ById(XmlDocument document, string id)
    {
        var found = new List<XmlElement>();
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            if (element.GetAttribute("Id") == id || element.GetAttribute("ID") == id || element.GetAttribute("id") == id)
            {
                found.Add(element);
            }
        }

        return found;
    }

    private static XmlElement? Child(XmlElement parent, string localName) => Children(parent, localName).FirstOrDefault();

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == DsNamespace);

    private static EInvoiceSignatureReport Report(EInvoiceSignatureStatus status, string message, EInvoiceSigner signer, bool? isSupplier, string algorithm)
    {
        var who = $"İmzalayan: {signer.Description}";
        var match = isSupplier switch
        {
            true => $"; satıcının {signer.TaxIdLabel}'si ile aynı.",
            false => "; satıcının VKN/TCKN'si değil (faturayı satıcı adına entegratör imzalamış olabilir; bu, belgenin değiştirildiği anlamına gelmez).",
            null => signer.TaxId is null ? "; sertifikada VKN/TCKN yok." : ".",
        };
        return new EInvoiceSignatureReport(status, $"{message} {who}{match} {NotChecked}", signer, isSupplier, algorithm);
    }

    private static EInvoiceSignatureReport CouldNotCheck(string reason, EInvoiceSigner? signer = null, bool? isSupplier = null, string? algorithm = null)
    {
        var message = $"e-Fatura imzası denetlenemedi: {reason}. Bu, imzanın geçerli olduğu anlamına gelmez.";
        return signer is null
            ? new EInvoiceSignatureReport(EInvoiceSignatureStatus.CouldNotCheck, message, null, null, algorithm)
            : Report(EInvoiceSignatureStatus.CouldNotCheck, message, signer, isSupplier, algorithm!);
    }
}
