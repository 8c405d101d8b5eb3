using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Verifies certificate, CRL and OCSP signatures with .NET (OpenSSL) instead of BouncyCastle's managed RSA, which is
/// about 0.6 ms per verify here. Returns null for algorithms it does not handle, so callers fall back to BouncyCastle.
/// </summary>
internal static class FastSignatureCheck
{
    public static bool? Verify(BcCertificate signer, string algorithmOid, byte[] signedBytes, byte[] signature)
    {
        HashAlgorithmName? hash = algorithmOid switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null)
        {
            return null;
        }

        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(signer.GetEncoded());
            if (algorithmOid.StartsWith("1.2.840.113549", StringComparison.Ordinal))
            {
                using var rsa = cert.GetRSAPublicKey();
                return rsa?.VerifyData(signedBytes, signature, hash.Value, RSASignaturePadding.Pkcs1);
            }

            using var ec = cert.GetECDsaPublicKey();
            return ec?.VerifyData(signedBytes, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
