using Mys.Signing.Signatures.Common;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Cms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Revocation status of a certificate: embedded data first, then OCSP, then CRL (fetched through the client).</summary>
public sealed class RevocationChecker(IRevocationDataClient client, ValidationCaches? caches = null)
{
    // Reading an OCSP response or CRL (parse, responder and signature checks) depends only on its bytes, the
    // certificate's serial and the issuer, so the answer is remembered: validating many documents by the same
    // signers (a CLI run, an export, the inbox) then reads each response once.
    private readonly ValidationCaches _caches = caches ?? new ValidationCaches();

    // Within one checker (the validator uses one per document) each response and CRL is parsed once, however many
    // certificates it is read for, and each issuer's DER is hashed once: /DSS holds the same few responses for every
    // certificate of every signature. Keyed by the array itself, not its content: no verdict crosses documents here.
    private readonly Dictionary<byte[], BasicOcspResp?> _parsedOcsp = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<byte[], X509Crl?> _parsedCrls = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<X509Certificate, ContentKey> _issuerKeys = new(ReferenceEqualityComparer.Instance);

    /// <summary>OCSP responses and CRLs gathered while checking (for /DSS in B-LT).</summary>
    public IList<byte[]> CollectedOcspResponses { get; } = [];

    public IList<byte[]> CollectedCrls { get; } = [];

    public async Task<RevocationSummary?> CheckAsync(X509Certificate certificate, X509Certificate issuer, IEnumerable<byte[]> embeddedOcsp,
        IEnumerable<byte[]> embeddedCrls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        foreach (var response in embeddedOcsp)
        {
            if (FromOcsp(response, certificate, issuer, "DSS/OCSP") is { } found)
            {
                return found;
            }
        }

        foreach (var crl in embeddedCrls)
        {
            if (FromCrl(crl, certificate, issuer, "DSS/CRL") is { } found)
            {
                return found;
            }
        }

        foreach (var url in CertificateProfile.Urls(certificate, ocsp: true))
        {
            var generator = new OcspReqGenerator();
            generator.AddRequest(RequestId(certificate, issuer));
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, new Org.BouncyCastle.Asn1.DerOctetString(RandomNumberGenerator.GetBytes(16)));
            generator.SetRequestExtensions(extensions.Generate());
            var bytes = await client.GetOcspResponseAsync(new Uri(url), generator.Generate().GetEncoded(), cancellationToken);
            if (bytes is not null && FromOcsp(bytes, certificate, issuer, "OCSP") is { } found)
            {
                CollectedOcspResponses.Add(bytes);
                return found;
            }
        }

        foreach (var url in CertificateProfile.Urls(certificate, ocsp: false))
        {
            var bytes = await client.GetCrlAsync(new Uri(url), cancellationToken);
            if (bytes is not null && FromCrl(bytes, certificate, issuer, "CRL") is { } found)
            {
                CollectedCrls.Add(bytes);
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// The request's CertID (SHA-1 of the issuer's name and key, the serial), as BouncyCastle's CertificateID builds it
    /// but from the encoded key bits instead of a re-parsed and re-validated public key object.
    /// </summary>
    private static CertificateID RequestId(X509Certificate certificate, X509Certificate issuer)
    {
        var structure = issuer.CertificateStructure;
        var nameHash = CryptographicOperations.HashData(HashAlgorithmName.SHA1, structure.Subject.GetEncoded());
        var keyHash = CryptographicOperations.HashData(HashAlgorithmName.SHA1, structure.SubjectPublicKeyInfo.PublicKey.GetBytes());
        return new CertificateID(new CertID(new AlgorithmIdentifier(OiwObjectIdentifiers.IdSha1, DerNull.Instance),
            new DerOctetString(nameHash), new DerOctetString(keyHash), new DerInteger(certificate.SerialNumber)));
    }

    private RevocationSummary? FromOcsp(byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source) =>
        Remembered(bytes, certificate, issuer, Kind(ocsp: true, source), isOcsp: true, source);

    private RevocationSummary? FromCrl(byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source) =>
        Remembered(bytes, certificate, issuer, Kind(ocsp: false, source), isOcsp: false, source);

    private static string Kind(bool ocsp, string source) => (ocsp, source) switch
    {
        (true, "DSS/OCSP") => "ocsp:DSS/OCSP",
        (true, "OCSP") => "ocsp:OCSP",
        (false, "DSS/CRL") => "crl:DSS/CRL",
        (false, "CRL") => "crl:CRL",
        _ => (ocsp ? "ocsp:" : "crl:") + source,
    };

    private RevocationSummary? Remembered(byte[] bytes, X509Certificate certificate, X509Certificate issuer, string kind, bool isOcsp, string source)
    {
        if (!_issuerKeys.TryGetValue(issuer, out var issuerKey))
        {
            issuerKey = ContentKey.Of(issuer.GetEncoded());
            _issuerKeys[issuer] = issuerKey;
        }

        // The kind names the source too ("ocsp:DSS/OCSP", "crl:CRL"...), so the same bytes read as OCSP and as CRL never share an entry.
        var key = new RevocationKey(ContentKey.Of(bytes), issuerKey, certificate.SerialNumber, kind);
        if (_caches.Revocation.TryGet(key, out var known))
        {
            return known;
        }

        var summary = isOcsp ? ReadOcsp(_caches.PublicKeys, ParsedOcsp(bytes), certificate, issuer, source) : ReadCrl(_caches.PublicKeys, ParsedCrl(bytes), certificate, issuer, source);
        _caches.Revocation.Set(key, summary);
        return summary;
    }

    /// <summary>The basic response of a successful OCSP answer, parsed once per checker; null when unusable.</summary>
    private BasicOcspResp? ParsedOcsp(byte[] bytes)
    {
        if (!_parsedOcsp.TryGetValue(bytes, out var basic))
        {
            try
            {
                var response = new OcspResp(bytes);
                basic = response.Status == 0 ? response.GetResponseObject() as BasicOcspResp : null;
            }
            catch (Exception ex) when (ex is IOException or OcspException or ArgumentException or InvalidCastException
                or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Security.InvalidKeyException
                or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException)
            {
                basic = null;
            }

            _parsedOcsp[bytes] = basic;
        }

        return basic;
    }

    /// <summary>A CRL parsed once per checker; null when unreadable.</summary>
    private X509Crl? ParsedCrl(byte[] bytes)
    {
        if (!_parsedCrls.TryGetValue(bytes, out var crl))
        {
            try
            {
                crl = new X509CrlParser().ReadCrl(bytes);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException
                or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException
                or Org.BouncyCastle.Security.Certificates.CrlException)
            {
                crl = null;
            }

            _parsedCrls[bytes] = crl;
        }

        return crl;
    }

    private static RevocationSummary? ReadOcsp(BoundedCache<ContentKey, System.Security.Cryptography.AsymmetricAlgorithm> keys, BasicOcspResp? basic, X509Certificate certificate, X509Certificate issuer, string source)
    {
        try
        {
            if (basic is null)
            {
                return null;
            }

            // Cheap match first: embedded data holds responses for other certificates too.
            var single = basic.Responses.FirstOrDefault(r => r.GetCertID().SerialNumber.Equals(certificate.SerialNumber) && r.GetCertID().MatchesIssuer(issuer));
            if (single is null)
            {
                return null;
            }

            var responder = basic.GetCerts().FirstOrDefault(c => c.IssuerDN.Equivalent(issuer.SubjectDN) && IsOcspSigner(c)) ?? issuer;
            if (!responder.Equals(issuer)
                && FastSignatureCheck.Verify(keys, issuer, responder.SigAlgOid, responder.GetTbsCertificate(), responder.GetSignature()) == false)
            {
                return null;
            }

            var signed = FastSignatureCheck.Verify(keys, responder, basic.SignatureAlgorithm.Algorithm.Id, basic.GetTbsResponseData(), basic.GetSignature())
                ?? basic.Verify(responder.GetPublicKey());
            if (!signed)
            {
                return null;
            }

            var produced = new DateTimeOffset(basic.ProducedAt, TimeSpan.Zero);
            return single.GetCertStatus() switch
            {
                null => new RevocationSummary(source, "GOOD", null, produced),
                RevokedStatus revoked => new RevocationSummary(source, "REVOKED", new DateTimeOffset(revoked.RevocationTime, TimeSpan.Zero), produced),
                _ => new RevocationSummary(source, "UNKNOWN", null, produced),
            };
        }
        catch (Exception ex) when (ex is IOException or OcspException or ArgumentException or InvalidCastException
            or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.Security.InvalidKeyException
            or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return null;
        }
    }

    private static bool IsOcspSigner(X509Certificate certificate)
    {
        var ekus = certificate.GetExtendedKeyUsage();
        return ekus?.Any(e => e.Equals(KeyPurposeID.id_kp_OCSPSigning)) == true;
    }

    private static RevocationSummary? ReadCrl(BoundedCache<ContentKey, System.Security.Cryptography.AsymmetricAlgorithm> keys, X509Crl? crl, X509Certificate certificate, X509Certificate issuer, string source)
    {
        try
        {
            if (crl is null || !crl.IssuerDN.Equivalent(issuer.SubjectDN))
            {
                return null;
            }

            if (FastSignatureCheck.Verify(keys, issuer, crl.SigAlgOid, crl.GetTbsCertList(), crl.GetSignature()) is not bool ok)
            {
                crl.Verify(issuer.GetPublicKey());
            }
            else if (!ok)
            {
                return null;
            }
            var entry = crl.GetRevokedCertificate(new BigInteger(certificate.SerialNumber.ToByteArray()));
            var produced = new DateTimeOffset(crl.ThisUpdate, TimeSpan.Zero);
            return entry is null
                ? new RevocationSummary(source, "GOOD", null, produced)
                : new RevocationSummary(source, "REVOKED", new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero), produced);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException
            or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException
            or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            return null;
        }
    }
}
