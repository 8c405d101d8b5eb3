using System.Security.Cryptography;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using CmsAttributes = Mys.Signing.Signatures.Cms.CmsAttributes;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Mys.Signing.Signatures.Tests.Cms;

/// <summary>The CMS written as DER around the parts as they are must be the DER BouncyCastle's SignedData gives for them.</summary>
[Collection(PkiCollection.Name)]
public sealed class CmsAssemblerTests(PkiFixture fx)
{
    [Theory]
    [InlineData("ayse", DigestAlgorithm.Sha256, true)]
    [InlineData("mehmet", DigestAlgorithm.Sha384, true)]
    [InlineData("ayse", DigestAlgorithm.Sha256, false)]
    [InlineData("mehmet", DigestAlgorithm.Sha256, false)]
    public async Task The_assembled_cms_is_byte_for_byte_what_bouncycastle_encodes_for_the_same_parts(string id, DigestAlgorithm digest, bool timeStamped)
    {
        var signer = fx.Pki[id];
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var signedAttributes = CmsAttributes.BuildSignedAttributes(digest.Hash([1, 2, 3]), digest, signer.CertificateDer, DateTimeOffset.UtcNow);
        var value = RandomNumberGenerator.GetBytes(256);
        byte[]? token = null;
        if (timeStamped)
        {
            var stamped = await fx.Tsa.GetTokenAsync(digest.Hash(value), digest);
            stamped.IsSuccess.ShouldBeTrue(stamped.Error?.Message);
            token = stamped.Value;
        }

        var cms = CmsAssembler.Assemble(signedAttributes, value, signer.CertificateDer, chain, digest, token);

        cms.ShouldBe(BouncyCastleSignedData(signedAttributes, value, signer.CertificateDer, chain, digest, token));
        CmsAssembler.SignatureValueOf(cms).ShouldBe(value);
    }

    /// <summary>The same SignedData built from BouncyCastle's ASN.1 objects (how the assembler worked before).</summary>
    private static byte[] BouncyCastleSignedData(byte[] signedAttributes, byte[] value, byte[] signerDer, List<byte[]> chainDer, DigestAlgorithm digest, byte[]? token)
    {
        var signerCert = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(signerDer));
        var digestAlgorithm = new AlgorithmIdentifier(new DerObjectIdentifier(digest.Oid()));
        var signatureAlgorithm = RawSignature.IsEc(signerDer)
            ? new AlgorithmIdentifier(new DerObjectIdentifier(digest == DigestAlgorithm.Sha384 ? CmsAssembler.EcdsaSha384Oid : CmsAssembler.EcdsaSha256Oid))
            : new AlgorithmIdentifier(new DerObjectIdentifier(CmsAssembler.RsaEncryptionOid), DerNull.Instance);
        var unsigned = token is null
            ? null
            : new DerSet(new Attribute(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(Asn1Object.FromByteArray(token))));
        var signerInfo = new SignerInfo(new SignerIdentifier(new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(signerCert.Issuer, signerCert.SerialNumber)), digestAlgorithm,
            Asn1Set.GetInstance(Asn1Object.FromByteArray(signedAttributes)), signatureAlgorithm, new DerOctetString(value), unsigned);
        var certificates = new Asn1EncodableVector { signerCert };
        foreach (var der in chainDer)
        {
            certificates.Add(X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der)));
        }

        var signedData = new SignedData(new DerSet(digestAlgorithm), new ContentInfo(CmsObjectIdentifiers.Data, null), new DerSet(certificates), null,
            new DerSet(signerInfo));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }
}
