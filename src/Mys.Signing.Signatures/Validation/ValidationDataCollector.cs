using Org.BouncyCastle.Cms;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Gathers what a verifier needs later without a network (the long-term "LT" step of PAdES and CAdES): for each
/// signer of a CMS and of its time-stamp token, the certificate path to a trust anchor and an OCSP response or CRL
/// for every link of it.
/// </summary>
internal sealed class ValidationDataCollector(IEnumerable<byte[]> trustAnchors, IRevocationDataClient revocationClient)
{
    private readonly CertificatePathBuilder _paths = new(trustAnchors);
    private readonly RevocationChecker _checker = new(revocationClient);
    private readonly List<byte[]> _certificates = [];

    public IReadOnlyList<byte[]> Certificates => _certificates.DistinctBy(Convert.ToBase64String).ToList();

    public IReadOnlyList<byte[]> OcspResponses => _checker.CollectedOcspResponses.DistinctBy(Convert.ToBase64String).ToList();

    public IReadOnlyList<byte[]> Crls => _checker.CollectedCrls.DistinctBy(Convert.ToBase64String).ToList();

    /// <returns>False when a signer's own certificate status could not be obtained.</returns>
    public async Task<bool> AddAsync(byte[] cms, CancellationToken cancellationToken)
    {
        foreach (var (leaf, pool) in Signers(cms))
        {
            var path = _paths.Build(leaf, pool);
            if (path is null)
            {
                continue;
            }

            _certificates.AddRange(path.Select(c => c.GetEncoded()));
            for (var i = 0; i + 1 < path.Count; i++)
            {
                var status = await _checker.CheckAsync(path[i], path[i + 1], [], [], cancellationToken);
                if (status is null && i == 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Identifies the signer certificates of a CMS and of its time-stamp tokens (SHA-256 over their DER, in order, with the
    /// certificates they carry): two signatures with the same key need the same validation data. Null when unreadable.
    /// </summary>
    public static string? SignersKey(byte[] cms)
    {
        var signers = Signers(cms);
        if (signers.Count == 0)
        {
            return null;
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (leaf, pool) in signers)
        {
            hash.AppendData(leaf.GetEncoded());
            foreach (var certificate in pool)
            {
                hash.AppendData(certificate.GetEncoded());
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static List<(BcCertificate Leaf, List<BcCertificate> Pool)> Signers(byte[] cms)
    {
        var result = new List<(BcCertificate Leaf, List<BcCertificate> Pool)>();
        try
        {
            var signed = Cms.SignedDataReader.Read(cms);
            var certs = signed.GetCertificates().EnumerateMatches(null).ToList();
            foreach (SignerInformation signer in signed.GetSignerInfos().GetSigners())
            {
                if (certs.FirstOrDefault(c => signer.SignerID.Match(c)) is { } leaf)
                {
                    result.Add((leaf, certs));
                }

                var token = signer.UnsignedAttributes?[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASignatureTimeStampToken];
                if (token is not null)
                {
                    result.AddRange(Signers(token.AttrValues[0].ToAsn1Object().GetEncoded()));
                }
            }
        }
        catch (CmsException)
        {
            // A signature we cannot parse contributes no validation data; the validator reports it.
        }

        return result;
    }
}
