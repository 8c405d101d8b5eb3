using System.Collections.Concurrent;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Signatures.Cms;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Esf;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Mys.Signing.Signatures.Cades;

/// <summary>
/// Raises a CAdES signature to B-LT (ETSI EN 319 122-1 §5.5): the certificate paths of the signer and of its
/// time-stamp's TSA go into the unsigned attribute certificate-values, their OCSP responses (as BasicOCSPResponse)
/// and CRLs into revocation-values. Unsigned attributes are outside the signature, so the signature value and the
/// time-stamp stay valid; <c>openssl cms -verify</c> ignores them.
/// </summary>
public sealed class CadesExtender(IRevocationDataClient revocationClient)
{
    private const int MaxRemembered = 64;
    private readonly ConcurrentDictionary<string, (CertificateValues Certificates, RevocationValues Revocation)> _collected = new(StringComparer.Ordinal);

    /// <summary>
    /// When true, the validation data collected for a set of signer certificates (e.g. the system seal and its TSA) is
    /// kept by this instance and reused for later signatures by the same certificates, so that sealing many bundles
    /// builds the paths and reads the OCSP answers once. Only for short-lived instances (one export).
    /// </summary>
    public bool ReuseCollectedData { get; init; }

    public async Task<SignatureResult<byte[]>> AddValidationDataAsync(byte[] cms, IEnumerable<byte[]> trustAnchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        CmsSignedData signed;
        try
        {
            signed = SignedDataReader.Read(cms);
        }
        catch (Exception ex) when (ex is CmsException or IOException or ArgumentException)
        {
            return SignatureResult<byte[]>.Failure("CMS_UNREADABLE", "İmza (CMS) okunamadı.");
        }

        var key = ReuseCollectedData ? ValidationDataCollector.SignersKey(cms) : null;
        if (key is null || !_collected.TryGetValue(key, out var values))
        {
            var collector = new ValidationDataCollector(trustAnchors, revocationClient);
            if (!await collector.AddAsync(cms, cancellationToken))
            {
                return SignatureResult<byte[]>.Failure("REVOCATION_UNAVAILABLE", "İptal bilgisi (OCSP/SİL) alınamadı; uzun süreli doğrulama verisi eklenemedi.");
            }

            values = (new CertificateValues(collector.Certificates.Select(X509CertificateStructure.GetInstance).ToArray()),
                new RevocationValues(
                    collector.Crls.Select(c => CertificateList.GetInstance(FirstObject(c))).ToArray(),
                    collector.OcspResponses.Select(BasicResponse).Where(b => b is not null).Select(b => b!).ToArray(),
                    null));
            if (key is not null && _collected.Count < MaxRemembered)
            {
                _collected.TryAdd(key, values);
            }
        }

        var (certificateValues, revocationValues) = values;
        var signers = new List<SignerInformation>();
        foreach (SignerInformation signer in signed.GetSignerInfos().GetSigners())
        {
            var unsigned = new Asn1EncodableVector();
            foreach (Asn1Encodable attribute in signer.UnsignedAttributes?.ToAsn1EncodableVector() ?? new Asn1EncodableVector())
            {
                var oid = Attribute.GetInstance(attribute).AttrType;
                if (!oid.Equals(PkcsObjectIdentifiers.IdAAEtsCertValues) && !oid.Equals(PkcsObjectIdentifiers.IdAAEtsRevocationValues))
                {
                    unsigned.Add(attribute);
                }
            }

            unsigned.Add(new Attribute(PkcsObjectIdentifiers.IdAAEtsCertValues, new DerSet(certificateValues)));
            unsigned.Add(new Attribute(PkcsObjectIdentifiers.IdAAEtsRevocationValues, new DerSet(revocationValues)));
            signers.Add(SignerInformation.ReplaceUnsignedAttributes(signer, new AttributeTable(unsigned)));
        }

        return SignatureResult<byte[]>.Success(CmsSignedData.ReplaceSigners(signed, new SignerInformationStore(signers)).GetEncoded(Asn1Encodable.Der));
    }

    private static BasicOcspResponse? BasicResponse(byte[] ocspResponse)
    {
        var response = OcspResponse.GetInstance(FirstObject(ocspResponse));
        return response.ResponseBytes is { } bytes && bytes.ResponseType.Equals(OcspObjectIdentifiers.PkixOcspBasic)
            ? BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(bytes.Response.GetOctets()))
            : null;
    }

    /// <summary>
    /// The DER object at the start of fetched OCSP/CRL bytes, ignoring anything after it as BouncyCastle's OCSP and
    /// CRL parsers (which accepted these bytes) do; <see cref="Asn1Object.FromByteArray"/> would reject it.
    /// </summary>
    private static Asn1Object FirstObject(byte[] der)
    {
        using var stream = new MemoryStream(der, writable: false);
        return Asn1Object.FromStream(stream);
    }
}
