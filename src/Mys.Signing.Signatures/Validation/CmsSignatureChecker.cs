using System.Security.Cryptography;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ess;
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

/// <summary>How the signed content relates to the CMS; for a PDF signature its /SubFilter says.</summary>
internal enum CmsContentMode
{
    /// <summary>adbe.pkcs7.detached, ETSI.CAdES.detached, a detached CAdES file: the CMS carries no content.</summary>
    Detached,

    /// <summary>adbe.pkcs7.sha1: the CMS encapsulates the SHA-1 digest of the byte range and signs that.</summary>
    EncapsulatedSha1Digest,
}

internal static class CmsContentModes
{
    /// <summary>The mode of a PDF signature's /SubFilter; null for one we do not support (e.g. adbe.x509.rsa_sha1).</summary>
    public static CmsContentMode? FromSubFilter(string subFilter) => subFilter switch
    {
        // ISO 32000-1 makes /SubFilter optional; without it the CMS is read as detached (an encapsulated one still fails).
        "adbe.pkcs7.detached" or "ETSI.CAdES.detached" or "" => CmsContentMode.Detached,
        "adbe.pkcs7.sha1" => CmsContentMode.EncapsulatedSha1Digest,
        _ => null,
    };
}

internal sealed record CmsFailure(Indication Indication, SubIndication SubIndication, string Detail);

/// <summary>
/// What depends only on a CMS's bytes. Early: the CMS cannot be used at all. Later: failures after the message digest
/// check, in the original order. EncapsulatedDigest: the SHA-1 of the byte range an adbe.pkcs7.sha1 signer signed.
/// </summary>
internal sealed record ParsedCms(CmsFailure? Early, DigestFunction? Digest, bool HasSignedAttributes, byte[]? SignedDigest, byte[]? EncapsulatedDigest,
    bool SignerMissing, IReadOnlyList<CmsFailure> Later, IReadOnlyList<string> Warnings, CmsFacts? Facts);

internal sealed record VerifiedTimeStamp(DigestFunction Algorithm, byte[] Imprint, DateTimeOffset Time, BcCertificate TsaCertificate,
    IReadOnlyList<BcCertificate> Certificates);

/// <summary>
/// Integrity checks of a CMS signature: message digest, signature value, signing-certificate binding. What depends only
/// on the CMS bytes (parsing, the signature over the signed attributes or the encapsulated digest, the certificate
/// binding) and verified time-stamp tokens are remembered in <see cref="ValidationCaches"/> by SHA-256 of the bytes, so
/// validating the same signatures again (the inbox, an export, the public page) parses and verifies them once; the
/// content digest is compared on every call. Algorithms: see docs/verification-algorithms.md.
/// </summary>
internal sealed class CmsSignatureChecker(ValidationCaches caches)
{
    /// <param name="parsedToken">
    /// When the CMS was parsed by this call: its signature time-stamp token as already read (for <see cref="CheckTimeStamp"/>,
    /// which then need not read the token's bytes again); null otherwise. Not remembered with the CMS (it is large).
    /// </param>
    public CmsFacts? Check(byte[] cms, CmsContentMode mode, Func<HashAlgorithmName, byte[]> contentDigest, SignatureReport report, out Asn1Object? parsedToken)
    {
        ArgumentNullException.ThrowIfNull(cms);
        parsedToken = null;
        var key = (ContentKey.Of(cms), mode);
        if (!caches.Signatures.TryGet(key, out var parsed))
        {
            parsed = Parse(cms, mode, contentDigest, out parsedToken);
            // Without signed attributes a detached signature is over the content itself, so the result is not the CMS's alone.
            if (parsed.HasSignedAttributes || parsed.Early is not null || mode == CmsContentMode.EncapsulatedSha1Digest)
            {
                caches.Signatures.Set(key, parsed);
            }
        }

        if (parsed.Early is { } early)
        {
            report.Fail(early.Indication, early.SubIndication, early.Detail);
            return null;
        }

        report.DigestAlgorithm = parsed.Digest!.Name.Name!;
        foreach (var warning in parsed.Warnings)
        {
            report.Findings.Add(warning);
        }

        if (mode == CmsContentMode.Detached && parsed.HasSignedAttributes
            && (parsed.SignedDigest is null || !CryptographicOperations.FixedTimeEquals(parsed.SignedDigest, contentDigest(parsed.Digest.Name))))
        {
            report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "MESSAGE_DIGEST_MISMATCH");
        }

        if (mode == CmsContentMode.EncapsulatedSha1Digest
            && !CryptographicOperations.FixedTimeEquals(parsed.EncapsulatedDigest, contentDigest(DigestFunction.Sha1.Name)))
        {
            report.Fail(Indication.TotalFailed, SubIndication.HashFailure, "ENCAPSULATED_DIGEST_MISMATCH");
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

    private ParsedCms Parse(byte[] cms, CmsContentMode mode, Func<HashAlgorithmName, byte[]> contentDigest, out Asn1Object? parsedToken)
    {
        // BouncyCastle decodes certificates, names and attributes lazily, so a damaged CMS can throw long after the
        // first read succeeded (a name that is not UTF-8 throws DecoderFallbackException, an ArgumentException).
        try
        {
            return ParseReadable(cms, mode, contentDigest, out parsedToken);
        }
        catch (Exception ex) when (ex is CmsException or IOException or ArgumentException or InvalidOperationException or InvalidCastException or Asn1Exception)
        {
            parsedToken = null;
            return Unusable(Format("CMS_UNREADABLE"));
        }
    }

    private ParsedCms ParseReadable(byte[] cms, CmsContentMode mode, Func<HashAlgorithmName, byte[]> contentDigest, out Asn1Object? parsedToken)
    {
        parsedToken = null;
        if (!cms.AsSpan().ContainsAnyExcept((byte)0))
        {
            return Unusable(Format("CMS_EMPTY"));
        }

        CmsSignedData signed;
        SignerInformation? signer;
        Asn1OctetString? encapsulated;
        try
        {
            signed = Cms.SignedDataReader.Read(cms);
            signer = signed.GetSignerInfos().GetSigners().Cast<SignerInformation>().FirstOrDefault();
            encapsulated = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(signed.ContentInfo.Content).EncapContentInfo.Content as Asn1OctetString;
        }
        catch (Exception ex) when (ex is CmsException or IOException or ArgumentException or InvalidOperationException or InvalidCastException or Asn1Exception)
        {
            return Unusable(Format("CMS_UNREADABLE"));
        }

        if (signer is null)
        {
            return Unusable(Format("CMS_EMPTY"));
        }

        byte[]? encapsulatedDigest = null;
        if (mode == CmsContentMode.Detached && encapsulated is not null)
        {
            return Unusable(Format("CMS_CONTENT_NOT_DETACHED"));
        }

        if (mode == CmsContentMode.EncapsulatedSha1Digest)
        {
            if (encapsulated is null)
            {
                return Unusable(Format("CMS_CONTENT_MISSING"));
            }

            encapsulatedDigest = encapsulated.GetOctets();
        }

        if (DigestFunction.FromOid(signer.DigestAlgorithmID.Algorithm.Id) is not { } digest)
        {
            return Unusable(new CmsFailure(Indication.Indeterminate, SubIndication.SigConstraintsFailure, "DIGEST_ALGORITHM_UNSUPPORTED: " + signer.DigestAlgorithmID.Algorithm.Id));
        }

        var certificates = signed.GetCertificates().EnumerateMatches(null).Select(Intern).ToList();
        var signerCert = certificates.FirstOrDefault(c => signer.SignerID.Match(c));
        var attributes = signer.SignedAttributes;
        byte[]? signedDigest = null;
        if (attributes?[PkcsObjectIdentifiers.Pkcs9AtMessageDigest] is { } md)
        {
            signedDigest = Asn1OctetString.GetInstance(md.AttrValues[0]).GetOctets();
        }

        var algorithm = CmsSignatureAlgorithm.From(signer.SignatureAlgorithm, digest);
        var warnings = digest.IsWeak || algorithm?.Digest?.IsWeak == true || mode == CmsContentMode.EncapsulatedSha1Digest
            ? new[] { "WEAK_DIGEST_ALGORITHM: " + DigestFunction.Sha1.DisplayName }
            : [];
        if (signerCert is null)
        {
            return new ParsedCms(null, digest, attributes is not null, signedDigest, encapsulatedDigest, true, [], warnings, null);
        }

        var later = new List<CmsFailure>();
        if (attributes is not null && encapsulatedDigest is not null
            && (signedDigest is null || !CryptographicOperations.FixedTimeEquals(signedDigest, digest.Compute(encapsulatedDigest))))
        {
            later.Add(new CmsFailure(Indication.TotalFailed, SubIndication.HashFailure, "MESSAGE_DIGEST_MISMATCH"));
        }

        var message = attributes is not null ? SignedMessage.Of(signer.GetEncodedSignedAttributes())
            : encapsulatedDigest is not null ? SignedMessage.Of(encapsulatedDigest)
            : SignedMessage.DigestOnly(contentDigest);
        var verified = algorithm is null ? null : CmsSignatureVerifier.Verify(caches.PublicKeys, signerCert, algorithm, message, signer.GetSignature());
        if (verified is null)
        {
            later.Add(new CmsFailure(Indication.Indeterminate, SubIndication.SigConstraintsFailure, "SIGNATURE_ALGORITHM_UNSUPPORTED: " + signer.SignatureAlgorithm.Algorithm.Id));
        }
        else if (verified == false)
        {
            later.Add(new CmsFailure(Indication.TotalFailed, SubIndication.SigCryptoFailure, "SIGNATURE_VALUE_INVALID"));
        }

        if (SigningCertificateMismatch(signer, signerCert) is { } mismatch)
        {
            later.Add(new CmsFailure(Indication.Indeterminate, SubIndication.NoSigningCertificateFound, mismatch));
        }

        DateTimeOffset? claimed = null;
        if (attributes?[PkcsObjectIdentifiers.Pkcs9AtSigningTime] is { } st)
        {
            claimed = new DateTimeOffset(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(st.AttrValues[0]).ToDateTime(), TimeSpan.Zero);
        }

        parsedToken = signer.UnsignedAttributes?[PkcsObjectIdentifiers.IdAASignatureTimeStampToken]?.AttrValues[0].ToAsn1Object();
        var token = parsedToken?.GetEncoded(Asn1Encodable.Der);
        var facts = new CmsFacts(signerCert, certificates, claimed, token, signer.GetSignature()) { Embedded = EmbeddedValidationValues.Read(signer) };
        return new ParsedCms(null, digest, attributes is not null, signedDigest, encapsulatedDigest, false, later, warnings, facts);
    }

    private static CmsFailure Format(string detail) => new(Indication.TotalFailed, SubIndication.FormatFailure, detail);

    /// <summary>A certificate from its DER (e.g. /DSS or certificate-values), parsed once per distinct content.</summary>
    public BcCertificate ReadCertificate(byte[] der) =>
        caches.Certificates.GetOrAdd(ContentKey.Of(der), der, static (_, bytes) => new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(bytes));

    /// <summary>
    /// The one object for this certificate (by its DER) in the certificates cache: the CMS, its time-stamp tokens and /DSS
    /// carry the same CA and responder certificates, and the path builder remembers a verified child→issuer signature per
    /// object pair, so within a document each certificate signature is verified once.
    /// </summary>
    private BcCertificate Intern(BcCertificate certificate) =>
        caches.Certificates.GetOrAdd(ContentKey.Of(certificate.GetEncoded()), certificate, static (_, parsed) => parsed);

    private static ParsedCms Unusable(CmsFailure failure) => new(failure, null, false, null, null, false, [], [], null);

    /// <summary>
    /// Verifies an RFC 3161 token over <paramref name="data"/>; returns its time, or null (with a finding) when invalid.
    /// The imprint may use any digest of <see cref="DigestFunction"/>; SHA-1 is reported as weak.
    /// </summary>
    /// <param name="parsed">The token as already read from its CMS (its DER is <paramref name="token"/>), or null to read the bytes.</param>
    public (DateTimeOffset Time, BcCertificate TsaCertificate, IReadOnlyList<BcCertificate> Certificates)? CheckTimeStamp(byte[] token,
        Func<HashAlgorithmName, byte[]> imprintOf, SignatureReport report, Asn1Object? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(imprintOf);
        var key = ContentKey.Of(token);
        if (caches.TimeStamps.TryGet(key, out var verified))
        {
            NoteWeakImprint(verified.Algorithm, report);
            if (!verified.Imprint.AsSpan().SequenceEqual(imprintOf(verified.Algorithm.Name)))
            {
                report.Findings.Add("TIMESTAMP_IMPRINT_MISMATCH");
                return null;
            }

            return (verified.Time, verified.TsaCertificate, verified.Certificates);
        }

        try
        {
            var cms = parsed is null ? Cms.SignedDataReader.Read(token) : Cms.SignedDataReader.FromObject(parsed);
            var tst = new TimeStampToken(cms);
            if (DigestFunction.FromOid(tst.TimeStampInfo.MessageImprintAlgOid) is not { } alg)
            {
                report.Findings.Add("TIMESTAMP_DIGEST_ALGORITHM_UNSUPPORTED: " + tst.TimeStampInfo.MessageImprintAlgOid);
                return null;
            }

            NoteWeakImprint(alg, report);
            if (!tst.TimeStampInfo.GetMessageImprintDigest().AsSpan().SequenceEqual(imprintOf(alg.Name)))
            {
                report.Findings.Add("TIMESTAMP_IMPRINT_MISMATCH");
                return null;
            }

            var certs = tst.GetCertificates().EnumerateMatches(null).Select(Intern).ToList();
            var tsaCert = certs.FirstOrDefault(c => tst.SignerID.Match(c));
            if (tsaCert is null)
            {
                report.Findings.Add("TIMESTAMP_CERTIFICATE_MISSING");
                return null;
            }

            TimeStampTokenCheck.Validate(caches.PublicKeys, tst, cms, tsaCert);
            var time = new DateTimeOffset(tst.TimeStampInfo.GenTime, TimeSpan.Zero);
            caches.TimeStamps.Set(key, new VerifiedTimeStamp(alg, tst.TimeStampInfo.GetMessageImprintDigest(), time, tsaCert, certs));
            return (time, tsaCert, certs);
        }
        catch (Exception ex) when (ex is TspException or TspValidationException or CmsException or IOException or ArgumentException or InvalidCastException)
        {
            report.Findings.Add("TIMESTAMP_INVALID: " + ex.Message);
            return null;
        }
    }

    private static void NoteWeakImprint(DigestFunction algorithm, SignatureReport report)
    {
        if (algorithm.IsWeak)
        {
            report.Findings.Add("WEAK_DIGEST_ALGORITHM: " + algorithm.DisplayName);
        }
    }

    /// <summary>The finding when the ESS signing-certificate(-v2) attribute names another certificate; null when it matches or is absent.</summary>
    private static string? SigningCertificateMismatch(SignerInformation signer, BcCertificate signerCert)
    {
        var attributes = signer.SignedAttributes;
        try
        {
            if (attributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2] is { } v2)
            {
                var id = SigningCertificateV2.GetInstance(v2.AttrValues[0]).GetCerts()[0];
                return DigestFunction.FromOid(id.HashAlgorithm.Algorithm.Id) is { } digest
                       && CryptographicOperations.FixedTimeEquals(digest.Compute(signerCert.GetEncoded()), id.GetCertHash())
                    ? null
                    : "SIGNING_CERTIFICATE_V2_MISMATCH";
            }

            if (attributes?[PkcsObjectIdentifiers.IdAASigningCertificate] is { } v1)
            {
                var id = SigningCertificate.GetInstance(v1.AttrValues[0]).GetCerts()[0];
                return CryptographicOperations.FixedTimeEquals(DigestFunction.Sha1.Compute(signerCert.GetEncoded()), id.GetCertHash())
                    ? null
                    : "SIGNING_CERTIFICATE_MISMATCH";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidCastException or IndexOutOfRangeException)
        {
            return "SIGNING_CERTIFICATE_ATTRIBUTE_MALFORMED";
        }

        return null;
    }
}
