using System.Collections.Concurrent;
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

/// <summary>
/// Integrity checks of a detached CMS: message digest, signature value, signing-certificate binding. What depends only
/// on the CMS bytes (parsing, the signature over the signed attributes, the certificate binding) and verified time-stamp
/// tokens are remembered by SHA-256 of the bytes, so validating the same signatures again (the inbox, an export, the
/// public page) parses and verifies them once; the content digest is compared on every call.
/// </summary>
internal static class CmsSignatureChecker
{
    private const int MaxRemembered = 1024;
    private static readonly ConcurrentDictionary<string, ParsedCms> ParsedSignatures = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, VerifiedTimeStamp> VerifiedTimeStamps = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, BcCertificate> ParsedCertificates = new(StringComparer.Ordinal);

    private sealed record Failure(Indication Indication, SubIndication SubIndication, string Detail);

    // Early: the CMS cannot be used at all. Later: failures after the message digest check, in the original order.
    private sealed record ParsedCms(Failure? Early, HashAlgorithmName Hash, bool HasSignedAttributes, byte[]? SignedDigest, bool SignerMissing,
        IReadOnlyList<Failure> Later, CmsFacts? Facts);

    private sealed record VerifiedTimeStamp(HashAlgorithmName Algorithm, byte[] Imprint, DateTimeOffset Time, BcCertificate TsaCertificate,
        IReadOnlyList<BcCertificate> Certificates);

    public static CmsFacts? Check(byte[] cms, Func<HashAlgorithmName, byte[]> contentDigest, SignatureReport report)
    {
        var key = Convert.ToHexString(SHA256.HashData(cms));
        if (!ParsedSignatures.TryGetValue(key, out var parsed))
        {
            parsed = Parse(cms, contentDigest);
            // Without signed attributes the signature is over the content itself, so the result is not the CMS's alone.
            if (parsed.HasSignedAttributes || parsed.Early is not null)
            {
                Remember(ParsedSignatures, key, parsed);
            }
        }

        if (parsed.Early is { } early)
        {
            report.Fail(early.Indication, early.SubIndication, early.Detail);
            return null;
        }

        report.DigestAlgorithm = parsed.Hash.Name!;
        if (parsed.HasSignedAttributes && (parsed.SignedDigest is null || !CryptographicOperations.FixedTimeEquals(parsed.SignedDigest, contentDigest(parsed.Hash))))
        {
            report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "MESSAGE_DIGEST_MISMATCH");
        }

        if (parsed.SignerMissing)
        {
            report.Fail(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "SIGNER_CERTIFICATE_MISSING");
            return null;
        }

        foreach (var failure in parsed.Later)
        {
            report.Fail(failure.Indication, failure.SubIndication, failure.Detail);
        }

        return parsed.Facts;
    }

    private static ParsedCms Parse(byte[] cms, Func<HashAlgorithmName, byte[]> contentDigest)
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
            return Unusable(new Failure(Indication.TotalFailed, SubIndication.FormatFailure, "CMS_UNREADABLE"));
        }

        if (DigestAlgorithms.FromOid(signer.DigestAlgOid) is not { } hashName)
        {
            return Unusable(new Failure(Indication.TotalFailed, SubIndication.FormatFailure, "DIGEST_ALGORITHM_UNSUPPORTED: " + signer.DigestAlgOid));
        }

        var certificates = signed.GetCertificates("Collection").GetMatches(null).Cast<BcCertificate>().ToList();
        var signerCert = certificates.FirstOrDefault(c => signer.SignerID.Match(c));
        var attributes = signer.SignedAttributes;
        byte[]? signedDigest = null;
        if (attributes?[PkcsObjectIdentifiers.Pkcs9AtMessageDigest] is { } md)
        {
            signedDigest = Asn1OctetString.GetInstance(md.AttrValues[0]).GetOctets();
        }

        if (signerCert is null)
        {
            return new ParsedCms(null, hashName, attributes is not null, signedDigest, true, [], null);
        }

        var later = new List<Failure>();
        var toVerify = attributes is null ? contentDigest(hashName) : HashData(hashName, signer.GetEncodedSignedAttributes());
        if (!VerifySignature(signerCert, signer.EncryptionAlgOid, hashName, toVerify, signer.GetSignature()))
        {
            later.Add(new Failure(Indication.TotalFailed, SubIndication.SigCryptoFailure, "SIGNATURE_VALUE_INVALID"));
        }

        if (!SigningCertificateAttributeMatches(signer, signerCert))
        {
            later.Add(new Failure(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, "SIGNING_CERTIFICATE_V2_MISMATCH"));
        }

        DateTimeOffset? claimed = null;
        if (attributes?[PkcsObjectIdentifiers.Pkcs9AtSigningTime] is { } st)
        {
            claimed = new DateTimeOffset(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(st.AttrValues[0]).Date, TimeSpan.Zero);
        }

        var token = signer.UnsignedAttributes?[PkcsObjectIdentifiers.IdAASignatureTimeStampToken]?.AttrValues[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der);
        var facts = new CmsFacts(signerCert, certificates, claimed, token, signer.GetSignature()) { Embedded = Cades.CadesExtender.Read(signer) };
        return new ParsedCms(null, hashName, attributes is not null, signedDigest, false, later, facts);
    }

    /// <summary>A certificate from its DER (e.g. /DSS or certificate-values), parsed once per distinct content.</summary>
    public static BcCertificate ReadCertificate(byte[] der)
    {
        var key = Convert.ToHexString(SHA256.HashData(der));
        if (ParsedCertificates.TryGetValue(key, out var certificate))
        {
            return certificate;
        }

        certificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(der);
        Remember(ParsedCertificates, key, certificate);
        return certificate;
    }

    private static ParsedCms Unusable(Failure failure) => new(failure, default, false, null, false, [], null);

    private static void Remember<T>(ConcurrentDictionary<string, T> cache, string key, T value)
    {
        if (cache.Count >= MaxRemembered)
        {
            cache.Clear();
        }

        cache.TryAdd(key, value);
    }

    /// <summary>Verifies an RFC 3161 token over <paramref name="data"/>; returns its time, or null (with a finding) when invalid.</summary>
    public static (DateTimeOffset Time, BcCertificate TsaCertificate, IReadOnlyList<BcCertificate> Certificates)? CheckTimeStamp(byte[] token,
        Func<HashAlgorithmName, byte[]> imprintOf, SignatureReport report)
    {
        ArgumentNullException.ThrowIfNull(imprintOf);
        var key = Convert.ToHexString(SHA256.HashData(token));
        if (VerifiedTimeStamps.TryGetValue(key, out var verified))
        {
            if (!verified.Imprint.AsSpan().SequenceEqual(imprintOf(verified.Algorithm)))
            {
                report.Findings.Add("TIMESTAMP_IMPRINT_MISMATCH");
                return null;
            }

            return (verified.Time, verified.TsaCertificate, verified.Certificates);
        }

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
            var time = new DateTimeOffset(tst.TimeStampInfo.GenTime, TimeSpan.Zero);
            Remember(VerifiedTimeStamps, key, new VerifiedTimeStamp(alg.Value, tst.TimeStampInfo.GetMessageImprintDigest(), time, tsaCert, certs));
            return (time, tsaCert, certs);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException or CmsException or IOException or ArgumentException or InvalidCastException)
        {
            report.Findings.Add("TIMESTAMP_INVALID: " + ex.Message);
            return null;
        }
    }

    private static bool SigningCertificateAttributeMatches(SignerInformation signer, BcCertificate signerCert)
    {
        var attribute = signer.SignedAttributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2];
        if (attribute is null)
        {
            return true;
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
        return HashData(algorithm, signerCert.GetEncoded()).AsSpan().SequenceEqual(expected);
    }

    private static bool VerifySignature(BcCertificate certificate, string algorithmOid, HashAlgorithmName hash, byte[] digest, byte[] signature) =>
        FastSignatureCheck.VerifyHash(certificate, digest, signature, hash, pss: algorithmOid == "1.2.840.113549.1.1.10");

    private static byte[] HashData(HashAlgorithmName name, byte[] data) =>
        name == HashAlgorithmName.SHA384 ? SHA384.HashData(data) : name == HashAlgorithmName.SHA512 ? SHA512.HashData(data) : SHA256.HashData(data);

}
