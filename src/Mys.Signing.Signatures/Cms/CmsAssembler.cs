using System.Formats.Asn1;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;

namespace Mys.Signing.Signatures.Cms;

/// <summary>
/// Assembles a detached CMS SignedData from stored signed attributes and an external signature value. Written straight
/// as DER around the certificates, signed attributes and time-stamp token as they are (no parse and re-encode of each
/// per signature); the result is the DER BouncyCastle's SignedData gives for the same parts.
/// </summary>
public static class CmsAssembler
{
    public const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    public const string EcdsaSha256Oid = "1.2.840.10045.4.3.2";
    public const string EcdsaSha384Oid = "1.2.840.10045.4.3.3";
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private const string SignatureTimeStampTokenOid = "1.2.840.113549.1.9.16.2.14";
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    public static byte[] Assemble(byte[] signedAttributesDer, byte[] signatureValue, byte[] signerCertificateDer,
        IEnumerable<byte[]> chainDer, DigestAlgorithm digest, byte[]? timeStampToken)
    {
        ArgumentNullException.ThrowIfNull(signedAttributesDer);
        ArgumentNullException.ThrowIfNull(signatureValue);
        ArgumentNullException.ThrowIfNull(chainDer);
        var signer = Der(signerCertificateDer);
        var chain = chainDer.Select(Der).ToList();
        var token = timeStampToken is null ? null : Der(timeStampToken);
        var (issuer, serial) = IssuerAndSerial(signer);
        var writer = new AsnWriter(AsnEncodingRules.DER,
            signer.Length + chain.Sum(c => c.Length) + (token?.Length ?? 0) + signedAttributesDer.Length + signatureValue.Length + 512);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    Algorithm(writer, digest.Oid(), withNullParameters: false);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(DataOid);
                }

                using (writer.PushSetOf(Context0))
                {
                    writer.WriteEncodedValue(signer);
                    foreach (var certificate in chain)
                    {
                        writer.WriteEncodedValue(certificate);
                    }
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    WriteSignerInfo(writer, signedAttributesDer, signatureValue, signer, digest, token, issuer, serial);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteSignerInfo(AsnWriter writer, byte[] signedAttributesDer, byte[] signatureValue, byte[] signer, DigestAlgorithm digest,
        byte[]? token, ReadOnlyMemory<byte> issuer, ReadOnlyMemory<byte> serial)
    {
        writer.WriteInteger(1);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(issuer.Span);
            writer.WriteEncodedValue(serial.Span);
        }

        Algorithm(writer, digest.Oid(), withNullParameters: false);
        // The signed attributes exactly as signed (a DER SET), carried as [0] IMPLICIT: only the tag byte differs.
        var attributes = (byte[])signedAttributesDer.Clone();
        attributes[0] = 0xA0;
        writer.WriteEncodedValue(attributes);
        if (RawSignature.IsEc(signer))
        {
            Algorithm(writer, digest == DigestAlgorithm.Sha384 ? EcdsaSha384Oid : EcdsaSha256Oid, withNullParameters: false);
        }
        else
        {
            Algorithm(writer, RsaEncryptionOid, withNullParameters: true);
        }

        writer.WriteOctetString(signatureValue);
        if (token is not null)
        {
            using (writer.PushSetOf(Context1))
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(SignatureTimeStampTokenOid);
                using (writer.PushSetOf())
                {
                    writer.WriteEncodedValue(token);
                }
            }
        }
    }

    private static void Algorithm(AsnWriter writer, string oid, bool withNullParameters)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters)
            {
                writer.WriteNull();
            }
        }
    }

    /// <summary>The issuer Name and serial INTEGER of a certificate, as encoded in it.</summary>
    private static (ReadOnlyMemory<byte> Issuer, ReadOnlyMemory<byte> Serial) IssuerAndSerial(byte[] certificate)
    {
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbs.ReadEncodedValue(); // version
        }

        var serial = tbs.ReadEncodedValue();
        tbs.ReadEncodedValue(); // signature algorithm
        return (tbs.ReadEncodedValue(), serial);
    }

    /// <summary>The value as it is when it is one DER-encoded element (the usual case), else re-encoded as DER.</summary>
    private static byte[] Der(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AsnDecoder.TryReadEncodedValue(value, AsnEncodingRules.DER, out _, out _, out _, out var consumed) && consumed == value.Length
            ? value
            : Asn1Object.FromByteArray(value).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The signature value (for the time-stamp imprint) of the first SignerInfo of a CMS.</summary>
    public static byte[] SignatureValueOf(byte[] cmsDer)
    {
        var content = Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(cmsDer));
        var signedData = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(content.Content);
        return Org.BouncyCastle.Asn1.Cms.SignerInfo.GetInstance(signedData.SignerInfos[0]).Signature.GetOctets();
    }
}
