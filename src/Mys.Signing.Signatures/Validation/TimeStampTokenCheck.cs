using System.Security.Cryptography;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// The checks of BouncyCastle's <c>TimeStampToken.Validate</c> — the ESS signing-certificate reference names the TSA
/// certificate, that certificate is a time-stamping certificate valid at genTime, the token's signer info is intact —
/// with the signature verified by .NET on a cached key: BouncyCastle 1.8 rebuilds and re-validates the RSA public
/// key and verifies in managed code on every call, which dominated validating many documents.
/// Failures throw <see cref="TspValidationException"/> like the original.
/// </summary>
internal static class TimeStampTokenCheck
{
    public static void Validate(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, TimeStampToken token, CmsSignedData signed, BcCertificate tsaCertificate)
    {
        var signer = signed.GetSignerInfos().GetSigners().Cast<SignerInformation>().Single();
        CheckCertificateReference(token, tsaCertificate);
        TspUtil.ValidateCertificate(tsaCertificate);
        CheckValidity(tsaCertificate, token.TimeStampInfo.GenTime);
        if (signer.SignedAttributes?[PkcsObjectIdentifiers.Pkcs9AtSigningTime] is { } signingTime)
        {
            CheckValidity(tsaCertificate, Org.BouncyCastle.Asn1.Cms.Time.GetInstance(signingTime.AttrValues[0]).ToDateTime());
        }

        if (!SignatureIntact(keys, signer, signed, tsaCertificate))
        {
            throw new TspValidationException("signature not created by certificate.");
        }
    }

    private static void CheckCertificateReference(TimeStampToken token, BcCertificate certificate)
    {
        byte[] expected;
        IssuerSerial? issuerSerial;
        DigestFunction algorithm;
        if (token.SignedAttributes[PkcsObjectIdentifiers.IdAASigningCertificateV2] is { } v2)
        {
            var id = SigningCertificateV2.GetInstance(v2.AttrValues[0]).GetCerts()[0];
            algorithm = DigestFunction.FromOid(id.HashAlgorithm.Algorithm.Id)
                        ?? throw new TspValidationException("unsupported ESSCertIDv2 hash algorithm " + id.HashAlgorithm.Algorithm.Id);
            (expected, issuerSerial) = (id.GetCertHash(), id.IssuerSerial);
        }
        else if (token.SignedAttributes[PkcsObjectIdentifiers.IdAASigningCertificate] is { } v1)
        {
            var id = SigningCertificate.GetInstance(v1.AttrValues[0]).GetCerts()[0];
            algorithm = DigestFunction.Sha1;
            (expected, issuerSerial) = (id.GetCertHash(), id.IssuerSerial);
        }
        else
        {
            throw new TspValidationException("no signing certificate attribute found, time stamp invalid.");
        }

        var actual = algorithm.Compute(certificate.GetEncoded());
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new TspValidationException("certificate hash does not match certID hash.");
        }

        if (issuerSerial is null)
        {
            return;
        }

        if (!issuerSerial.Serial.Value.Equals(certificate.SerialNumber))
        {
            throw new TspValidationException("certificate serial number does not match certID for signature.");
        }

        var issuer = certificate.IssuerDN;
        if (!issuerSerial.Issuer.GetNames().Any(n => n.TagNo == GeneralName.DirectoryName && X509Name.GetInstance(n.Name).Equivalent(issuer)))
        {
            throw new TspValidationException("certificate name does not match certID for signature. ");
        }
    }

    private static void CheckValidity(BcCertificate certificate, DateTime at)
    {
        try
        {
            certificate.CheckValidity(at);
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.Certificates.CertificateExpiredException
                                       or Org.BouncyCastle.Security.Certificates.CertificateNotYetValidException)
        {
            throw new TspValidationException("certificate not valid at time-stamp time: " + ex.Message);
        }
    }

    /// <summary>Content type and message digest attributes match the TSTInfo, and the signature over the attributes holds.</summary>
    private static bool SignatureIntact(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, SignerInformation signer, CmsSignedData signed, BcCertificate certificate)
    {
        var attributes = signer.SignedAttributes;
        if (attributes is null || DigestFunction.FromOid(signer.DigestAlgorithmID.Algorithm.Id) is not { } digest
            || CmsSignatureAlgorithm.From(signer.SignatureAlgorithm, digest) is not { } algorithm
            || Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(signed.ContentInfo.Content).EncapContentInfo.Content is not Asn1OctetString encapsulated)
        {
            return false;
        }

        var contentType = attributes[PkcsObjectIdentifiers.Pkcs9AtContentType];
        if (contentType is null || !DerObjectIdentifier.GetInstance(contentType.AttrValues[0]).Equals(signer.ContentType))
        {
            return false;
        }

        var messageDigest = attributes[PkcsObjectIdentifiers.Pkcs9AtMessageDigest];
        if (messageDigest is null
            || !CryptographicOperations.FixedTimeEquals(Asn1OctetString.GetInstance(messageDigest.AttrValues[0]).GetOctets(), digest.Compute(encapsulated.GetOctets())))
        {
            return false;
        }

        return CmsSignatureVerifier.Verify(keys, certificate, algorithm, SignedMessage.Of(signer.GetEncodedSignedAttributes()), signer.GetSignature()) == true;
    }
}
