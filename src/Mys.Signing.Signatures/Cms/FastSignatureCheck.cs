using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.Signatures.Common;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Cms;

/// <summary>
/// Verifies certificate, CRL and OCSP signatures with .NET (OpenSSL) instead of BouncyCastle's managed RSA. RSA PKCS#1
/// v1.5 (every RSA signature we meet) goes through <see cref="RsaPkcs1Verifier"/> on the modulus and exponent,
/// with no OpenSSL key at all; other public keys (EC, RSA-PSS) are imported once into the caller's bounded cache (the
/// validator's <c>ValidationCaches.PublicKeys</c>). Returns null for algorithms it does not handle, so callers fall back to
/// BouncyCastle.
/// </summary>
internal static class FastSignatureCheck
{
    // Card certificates' keys for RawSignature (signing side): a bounded LRU of its own, not the validator's.
    private static readonly BoundedCache<ContentKey, AsymmetricAlgorithm> CardKeys = new("card-keys", 256);

    public static bool? Verify(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate signer, string algorithmOid, byte[] signedBytes, byte[] signature)
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

        if (algorithmOid.StartsWith("1.2.840.113549", StringComparison.Ordinal)
            && VerifyRsaWithoutImport(signer, CryptographicOperations.HashData(hash.Value, signedBytes), signature, hash.Value) is bool managed)
        {
            return managed;
        }

        try
        {
            return Key(keys, signer) switch
            {
                RSA rsa when algorithmOid.StartsWith("1.2.840.113549", StringComparison.Ordinal) =>
                    rsa.VerifyData(signedBytes, signature, hash.Value, RSASignaturePadding.Pkcs1),
                ECDsa ec when algorithmOid.StartsWith("1.2.840.10045", StringComparison.Ordinal) =>
                    ec.VerifyData(signedBytes, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies an RSA signature over a precomputed digest (a CMS signer's signed attributes) with the certificate's key,
    /// imported once. False for a key that is not rsaEncryption.
    /// </summary>
    public static bool VerifyRsaHash(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate signer, byte[] digest, byte[] signature, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        if (padding == RSASignaturePadding.Pkcs1 && VerifyRsaWithoutImport(signer, digest, signature, hash) is bool managed)
        {
            return managed;
        }

        try
        {
            return Key(keys, signer) is RSA rsa && rsa.VerifyHash(digest, signature, hash, padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies an ECDSA signature over a precomputed digest with the certificate's key, imported once; null when .NET
    /// cannot import the key (e.g. a curve OpenSSL does not know), so the caller can fall back to BouncyCastle.
    /// </summary>
    public static bool? VerifyEcdsaHash(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate signer, byte[] digest, byte[] signature, DSASignatureFormat format)
    {
        AsymmetricAlgorithm key;
        try
        {
            key = Key(keys, signer);
        }
        catch (CryptographicException)
        {
            return null;
        }

        try
        {
            return key is ECDsa ec && ec.VerifyHash(digest, signature, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// PKCS#1 v1.5 with the certificate's RSA modulus and exponent in managed code (<see cref="RsaPkcs1Verifier"/>),
    /// without importing the key into OpenSSL; null when the key is not rsaEncryption or the verifier does not decide.
    /// </summary>
    private static bool? VerifyRsaWithoutImport(BcCertificate signer, byte[] digest, byte[] signature, HashAlgorithmName hash)
    {
        var spki = signer.CertificateStructure.SubjectPublicKeyInfo;
        if (spki.Algorithm.Algorithm.Id != "1.2.840.113549.1.1.1")
        {
            return null;
        }

        try
        {
            var key = Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure.GetInstance(spki.ParsePublicKey());
            return RsaPkcs1Verifier.Verify(key.Modulus.ToByteArrayUnsigned(), key.PublicExponent.ToByteArrayUnsigned(), hash, digest, signature);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidCastException)
        {
            return null;
        }
    }

    /// <summary>The public key of a certificate given as DER (a signer's card certificate), imported once.</summary>
    public static AsymmetricAlgorithm KeyOf(byte[] certificateDer) =>
        CardKeys.GetOrAdd(ContentKey.Of(certificateDer), certificateDer, static (_, der) =>
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return (AsymmetricAlgorithm?)certificate.GetECDsaPublicKey() ?? certificate.GetRSAPublicKey()
                ?? throw new CryptographicException("The certificate's key is neither RSA nor EC.");
        });

    private static AsymmetricAlgorithm Key(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate certificate)
    {
        var spki = certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
        return keys.GetOrAdd(ContentKey.Of(spki), (certificate, spki), static (_, state) => Import(state.certificate, state.spki));
    }

    private static AsymmetricAlgorithm Import(BcCertificate certificate, byte[] spki)
    {
        AsymmetricAlgorithm key;
        if (certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id == "1.2.840.10045.2.1")
        {
            var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(spki, out _);
            key = ec;
        }
        else
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            key = rsa;
        }

        return key;
    }
}
