using Mys.Signing.DevPki.Pki;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;

namespace Mys.Signing.DevPki.Services;

/// <summary>RFC 6960 responder for certificates of the dev issuing CA, signed by the delegated OCSP certificate.</summary>
public sealed class DevOcspResponder(DevPkiHierarchy pki, TimeProvider time)
{
    public byte[] Respond(byte[] requestDer)
    {
        OcspReq request;
        try
        {
            request = new OcspReq(requestDer);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or OcspException)
        {
            return new OCSPRespGenerator().Generate(OCSPRespGenerator.MalformedRequest, null).GetEncoded();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var issued = pki.Entries.Where(e => e.Certificate.IssuerDN.Equivalent(pki.IssuingCa.Certificate.SubjectDN))
            .ToDictionary(e => e.Certificate.SerialNumber.ToString(16), StringComparer.Ordinal);
        var generator = new BasicOcspRespGenerator(pki.OcspResponder.Certificate.GetPublicKey());
        foreach (var item in request.GetRequestList())
        {
            var id = item.GetCertID();
            if (!id.MatchesIssuer(pki.IssuingCa.Certificate))
            {
                return new OCSPRespGenerator().Generate(OCSPRespGenerator.Unauthorized, null).GetEncoded();
            }

            CertificateStatus? status = !issued.TryGetValue(id.SerialNumber.ToString(16), out var entry)
                ? new UnknownStatus()
                : entry.RevokedAt is { } revokedAt
                    ? new RevokedStatus(revokedAt.UtcDateTime, CrlReason.KeyCompromise)
                    : CertificateStatus.Good;
            generator.AddResponse(id, status, now, now.AddDays(1), null);
        }

        var nonce = request.GetExtensionValue(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNonce, false, nonce.GetOctets());
            generator.SetResponseExtensions(extensions.Generate());
        }

        var signer = pki.OcspResponder.SignatureFactory();
        var basic = generator.Generate(signer, [pki.OcspResponder.Certificate], now);
        return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic).GetEncoded();
    }
}
