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
        Remembered("ocsp", bytes, certificate, issuer, source, ReadOcsp);

    private RevocationSummary? FromCrl(byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source) =>
        Remembered("crl", bytes, certificate, issuer, source, ReadCrl);

    private RevocationSummary? Remembered(string kind, byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source,
        Func<BoundedCache<ContentKey, System.Security.Cryptography.AsymmetricAlgorithm>, byte[], X509Certificate, X509Certificate, string, RevocationSummary?> read)
    {
        // The source names the kind too ("DSS/OCSP", "CRL"...), so the same bytes read as OCSP and as CRL never share an entry.
        var key = new RevocationKey(ContentKey.Of(bytes), ContentKey.Of(issuer.GetEncoded()), certificate.SerialNumber, kind + ":" + source);
        if (_caches.Revocation.TryGet(key, out var known))
        {
            return known;
        }

        var summary = read(_caches.PublicKeys, bytes, certificate, issuer, source);
        _caches.Revocation.Set(key, summary);
        return summary;
    }

    private static RevocationSummary? ReadOcsp(BoundedCache<ContentKey, System.Security.Cryptography.AsymmetricAlgorithm> keys, byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source)
    {
        try
        {
            var response = new OcspResp(bytes);
            if (response.Status != 0 || response.GetResponseObject() is not BasicOcspResp basic)
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

    private static RevocationSummary? ReadCrl(BoundedCache<ContentKey, System.Security.Cryptography.AsymmetricAlgorithm> keys, byte[] bytes, X509Certificate certificate, X509Certificate issuer, string source)
    {
        try
        {
            var crl = new X509CrlParser().ReadCrl(bytes);
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
