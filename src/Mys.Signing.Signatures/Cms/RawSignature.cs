using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;

namespace Mys.Signing.Signatures.Cms;

/// <summary>Checks a card's raw signature value over a digest and normalises it for CMS.</summary>
public static class RawSignature
{
    /// <summary>
    /// Verifies <paramref name="signature"/> (RSA PKCS#1 v1.5, or ECDSA as r‖s or DER) over <paramref name="digest"/>.
    /// Returns the value to put in SignerInfo.signature (ECDSA converted to DER), or null when it does not verify.
    /// </summary>
    public static byte[]? VerifyAndNormalize(byte[] certificateDer, byte[] digest, HashAlgorithmName hash, byte[] signature)
    {
        using var cert = X509CertificateLoader.LoadCertificate(certificateDer);
        using var rsa = cert.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1) ? signature : null;
        }

        using var ec = cert.GetECDsaPublicKey();
        if (ec is null)
        {
            return null;
        }

        if (ec.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            var half = signature.Length / 2;
            return new DerSequence(
                new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, signature, 0, half)),
                new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, signature, half, half))).GetEncoded(Asn1Encodable.Der);
        }

        return ec.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence) ? signature : null;
    }

    public static bool IsEc(byte[] certificateDer)
    {
        using var cert = X509CertificateLoader.LoadCertificate(certificateDer);
        using var ec = cert.GetECDsaPublicKey();
        return ec is not null;
    }
}
