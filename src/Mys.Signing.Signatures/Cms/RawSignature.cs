using System.Security.Cryptography;
using Mys.Signing.Signatures.Validation;
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
        var key = FastSignatureCheck.KeyOf(certificateDer);
        if (key is RSA rsa)
        {
            return rsa.VerifyHash(digest, signature, hash, RSASignaturePadding.Pkcs1) ? signature : null;
        }

        if (key is not ECDsa ec)
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

    public static bool IsEc(byte[] certificateDer) => FastSignatureCheck.KeyOf(certificateDer) is ECDsa;
}
