using Mys.Signing.Signatures.Pdf;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Esf;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Mys.Signing.Signatures.Validation;

/// <summary>The validation data a CAdES-LT signer carries in its unsigned attributes (what <c>CadesExtender</c> adds).</summary>
internal static class EmbeddedValidationValues
{
    /// <summary>The certificate-values and revocation-values of a signer (OCSP answers as full OCSPResponse DER, as in /DSS).</summary>
    public static DssContent Read(SignerInformation signer)
    {
        var attributes = signer.UnsignedAttributes;
        if (attributes is null)
        {
            return DssContent.Empty;
        }

        var certificates = new List<byte[]>();
        var ocsp = new List<byte[]>();
        var crls = new List<byte[]>();
        foreach (Asn1Encodable value in attributes.GetAll(PkcsObjectIdentifiers.IdAAEtsCertValues).Cast<Attribute>().SelectMany(a => a.AttrValues.Cast<Asn1Encodable>()))
        {
            certificates.AddRange(CertificateValues.GetInstance(value).GetCertificates().Select(c => c.GetEncoded(Asn1Encodable.Der)));
        }

        foreach (Asn1Encodable value in attributes.GetAll(PkcsObjectIdentifiers.IdAAEtsRevocationValues).Cast<Attribute>().SelectMany(a => a.AttrValues.Cast<Asn1Encodable>()))
        {
            var values = RevocationValues.GetInstance(value);
            crls.AddRange(values.GetCrlVals().Select(c => c.GetEncoded(Asn1Encodable.Der)));
            ocsp.AddRange(values.GetOcspVals().Select(b =>
                new OcspResponse(new OcspResponseStatus(OcspResponseStatus.Successful),
                    new ResponseBytes(OcspObjectIdentifiers.PkixOcspBasic, new DerOctetString(b.GetEncoded(Asn1Encodable.Der)))).GetEncoded(Asn1Encodable.Der)));
        }

        return new DssContent(certificates, ocsp, crls);
    }
}
