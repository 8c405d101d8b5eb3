using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Mys.Signing.Signatures.Cms;

/// <summary>Builds the DER-encoded signed attributes (the bytes whose digest the card signs).</summary>
public static class CmsAttributes
{
    /// <summary>content-type, message-digest, signing-certificate-v2, and signing-time when given (CAdES, not PAdES).</summary>
    public static byte[] BuildSignedAttributes(byte[] contentDigest, DigestAlgorithm digest, byte[] signerCertificateDer, DateTimeOffset? signingTime)
    {
        var cert = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(signerCertificateDer));
        var certHash = digest.Hash(signerCertificateDer);
        var issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(cert.Issuer)), cert.SerialNumber);
        var essCertId = digest == DigestAlgorithm.Sha256
            ? new DerSequence(new DerOctetString(certHash), issuerSerial)
            : new DerSequence(new AlgorithmIdentifier(new DerObjectIdentifier(digest.Oid())), new DerOctetString(certHash), issuerSerial);
        var vector = new Asn1EncodableVector
        {
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtContentType, new DerSet(PkcsObjectIdentifiers.Data)),
            new Attribute(PkcsObjectIdentifiers.Pkcs9AtMessageDigest, new DerSet(new DerOctetString(contentDigest))),
            new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new DerSequence(new DerSequence(essCertId)))),
        };
        if (signingTime is { } t)
        {
            vector.Add(new Attribute(PkcsObjectIdentifiers.Pkcs9AtSigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(t.UtcDateTime))));
        }

        return new DerSet(vector).GetEncoded(Asn1Encodable.Der);
    }
}
