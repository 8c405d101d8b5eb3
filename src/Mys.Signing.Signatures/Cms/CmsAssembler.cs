using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Mys.Signing.Signatures.Cms;

/// <summary>Assembles a detached CMS SignedData from stored signed attributes and an external signature value.</summary>
public static class CmsAssembler
{
    public const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    public const string EcdsaSha256Oid = "1.2.840.10045.4.3.2";
    public const string EcdsaSha384Oid = "1.2.840.10045.4.3.3";

    public static byte[] Assemble(byte[] signedAttributesDer, byte[] signatureValue, byte[] signerCertificateDer,
        IEnumerable<byte[]> chainDer, DigestAlgorithm digest, byte[]? timeStampToken)
    {
        ArgumentNullException.ThrowIfNull(chainDer);
        var signerCert = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(signerCertificateDer));
        var digestAlgorithm = new AlgorithmIdentifier(new DerObjectIdentifier(digest.Oid()));
        var signatureAlgorithm = RawSignature.IsEc(signerCertificateDer)
            ? new AlgorithmIdentifier(new DerObjectIdentifier(digest == DigestAlgorithm.Sha384 ? EcdsaSha384Oid : EcdsaSha256Oid))
            : new AlgorithmIdentifier(new DerObjectIdentifier(RsaEncryptionOid), DerNull.Instance);
        Asn1Set? unsigned = null;
        if (timeStampToken is not null)
        {
            unsigned = new DerSet(new Attribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(Asn1Object.FromByteArray(timeStampToken))));
        }

        var signerInfo = new SignerInfo(
            new SignerIdentifier(new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(signerCert.Issuer, signerCert.SerialNumber)),
            digestAlgorithm,
            Asn1Set.GetInstance(Asn1Object.FromByteArray(signedAttributesDer)),
            signatureAlgorithm,
            new DerOctetString(signatureValue),
            unsigned);
        var certificates = new Asn1EncodableVector { signerCert };
        foreach (var der in chainDer)
        {
            certificates.Add(X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der)));
        }

        var signedData = new SignedData(
            new DerSet(digestAlgorithm),
            new ContentInfo(CmsObjectIdentifiers.Data, null),
            new DerSet(certificates),
            null,
            new DerSet(signerInfo));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The signature value (for the time-stamp imprint) of the first SignerInfo of a CMS.</summary>
    public static byte[] SignatureValueOf(byte[] cmsDer)
    {
        var content = ContentInfo.GetInstance(Asn1Object.FromByteArray(cmsDer));
        var signedData = SignedData.GetInstance(content.Content);
        return SignerInfo.GetInstance(signedData.SignerInfos[0]).Signature.GetOctets();
    }
}
