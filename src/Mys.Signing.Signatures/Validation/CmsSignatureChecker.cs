using System.Security.Cryptography;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>What the CMS check established, for the certificate and revocation steps.</summary>
internal sealed record CmsFacts(BcCertificate SignerCertificate, IReadOnlyList<BcCertificate> Certificates, DateTimeOffset? ClaimedTime,
    byte[]? TimeStampToken, byte[] SignatureValue)
{
    /// <summary>Certificate-values and revocation-values of a CAdES-LT signer (empty otherwise).</summary>
    public Pdf.DssContent Embedded { get; init; } = Pdf.DssContent.Empty;
}

/// <summary>Integrity checks of a detached CMS: message digest, signature value, signing-certificate binding.</summary>
internal static class CmsSignatureChecker
{
    public static CmsFacts? Check(byte[] cms, Func<HashAlgorithmName, byte[]> contentDigest, SignatureReport report)
    {
        CmsSignedData signed;
        SignerInformation signer;
        try
        {
            signed = new CmsSignedData(cms);
            signer = signed.GetSignerInfos().GetSigners().Cast<SignerInformation>().First();
        }
        catch (Exception ex) when (ex is CmsException or IOException or ArgumentException or InvalidOperationException or InvalidCastException or Asn1Exception)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "CMS_UNREADABLE");
            return null;
        }

        var hashName = DigestAlgorithms.FromOid(signer.DigestAlgOid);
        if (hashName is null)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "DIGEST_ALGORITHM_UNSUPPORTED: " + signer.DigestAlgOid);
            return null;
        }

        report.DigestAlgorithm = hashName.Value.Name!;
        var certificates = signed.GetCertificates("Collection").GetMatches(null).Cast<BcCertificate>().ToList();
        var signerCert = certificates.FirstOrDefault(c => signer.SignerID.Match(c));
        var digest = contentDigest(hashName.Value);
        var attributes = signer.SignedAttributes;
        if (attributes is not null)
        {
            var md = attributes[PkcsObjectIdentifiers.Pkcs9AtMessageDigest];
            var value = md is null ? null : Asn1OctetString.GetInstance(md.AttrValues[0]).GetOctets();
            if (value is null || !CryptographicOperations.FixedTimeEquals(value, digest))
            {
                report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "MESSAGE_DIGEST_MISMATCH");
            }
        }

        if (signerCert is null)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "SIGNER_CERTIFICATE_MISSING");
            return null;
        }

        var toVerify = attributes is null ? digest : HashData(hashName.Value, signer.GetEncodedSignedAttributes());
        if (!VerifySignature(signerCert, signer.EncryptionAlgOid, hashName.Value, toVerify, signer.GetSignature()))
        {
            report.Fail(Indication.TotalFailed, SubIndication.SigCryptoFailure, "SIGNATURE_VALUE_INVALID");
        }

        CheckSigningCertificateAttribute(signer, signerCert, report);
        DateTimeOffset? claimed = null;
        if (attributes?[PkcsObjectIdentifiers.Pkcs9AtSigningTime] is { } st)
        {
            claimed = new DateTimeOffset(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(st.AttrValues[0]).Date, TimeSpan.Zero);
        }

        var token = signer.UnsignedAttributes?[PkcsObjectIdentifiers.IdAASignatureTimeStampToken]?.AttrValues[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der);
        return new CmsFacts(signerCert, certificates, claimed, token, signer.GetSignature()) { Embedded = Cades.CadesExtender.Read(signer) };
    }

    /// <summary>Verifies an RFC 3161 token over <paramref name="data"/>; returns its time, or null (with a finding) when invalid.</summary>
    public static (DateTimeOffset Time, BcCertificate TsaCertificate, IReadOnlyList<BcCertificate> Certificates)? CheckTimeStamp(byte[] token,
        Func<HashAlgorithmName, byte[]> imprintOf, SignatureReport report)
    {
        try
        {
            var cms = new CmsSignedData(token);
            var tst = new TimeStampToken(cms);
            var alg = DigestAlgorithms.FromOid(tst.TimeStampInfo.MessageImprintAlgOid);
            if (alg is null || !tst.TimeStampInfo.GetMessageImprintDigest().AsSpan().SequenceEqual(imprintOf(alg.Value)))
            {
                report.Findings.Add("TIMESTAMP_IMPRINT_MISMATCH");
                return null;
            }

            var certs = tst.GetCertificates("Collection").GetMatches(null).Cast<BcCertificate>().ToList();
            var tsaCert = certs.FirstOrDefault(c => tst.SignerID.Match(c));
            if (tsaCert is null)
            {
                report.Findings.Add("TIMESTAMP_CERTIFICATE_MISSING");
                return null;
            }

            TimeStampTokenCheck.Validate(tst, cms, tsaCert);
            return (new DateTimeOffset(tst.TimeStampInfo.GenTime, TimeSpan.Zero), tsaCert, certs);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException or CmsException or IOException or ArgumentException or InvalidCastException)
        {
            report.Findings.Add("TIMESTAMP_INVALID: " + ex.Message);
            return null;
        }
    }

    private static void CheckSigningCertificateAttribute(SignerInformation signer, BcCertificate signerCert, SignatureReport report)
    {
        var attribute = signer.SignedAttributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2];
        if (attribute is null)
        {
            return;
        }

        var certs = Asn1Sequence.GetInstance(Asn1Sequence.GetInstance(attribute.AttrValues[0])[0]);
        var first = Asn1Sequence.GetInstance(certs[0]);
        var index = 0;
        var algorithm = HashAlgorithmName.SHA256;
        if (first[0] is Asn1Sequence algId)
        {
            algorithm = DigestAlgorithms.FromOid(DerObjectIdentifier.GetInstance(algId[0]).Id) ?? HashAlgorithmName.SHA256;
            index = 1;
        }

        var expected = Asn1OctetString.GetInstance(first[index]).GetOctets();
        if (!HashData(algorithm, signerCert.GetEncoded()).AsSpan().SequenceEqual(expected))
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "SIGNING_CERTIFICATE_V2_MISMATCH");
        }
    }

    private static bool VerifySignature(BcCertificate certificate, string algorithmOid, HashAlgorithmName hash, byte[] digest, byte[] signature) =>
        FastSignatureCheck.VerifyHash(certificate, digest, signature, hash, pss: algorithmOid == "1.2.840.113549.1.1.10");

    private static byte[] HashData(HashAlgorithmName name, byte[] data) =>
        name == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : name == HashAlgorithmName.SHA512 ? SHA512.HashData(data) : SHA256.HashData(data);

}
