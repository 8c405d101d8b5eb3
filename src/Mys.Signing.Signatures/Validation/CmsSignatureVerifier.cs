using System.Security.Cryptography;
using Mys.Signing.Signatures.Cms;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// What a signature is over: bytes we hold (DER of signed attributes, an encapsulated digest) or content we can only
/// digest (a PDF byte range, a detached file).
/// </summary>
internal sealed class SignedMessage
{
    private readonly Func<DigestFunction, byte[]> _digest;

    private SignedMessage(byte[]? bytes, Func<DigestFunction, byte[]> digest) => (Bytes, _digest) = (bytes, digest);

    /// <summary>The message itself, when available (pure EdDSA needs it).</summary>
    public byte[]? Bytes { get; }

    public static SignedMessage Of(byte[] bytes) => new(bytes, d => d.Compute(bytes));

    public static SignedMessage DigestOnly(Func<HashAlgorithmName, byte[]> contentDigest) => new(null, d => contentDigest(d.Name));

    public byte[] DigestWith(DigestFunction digest) => _digest(digest);
}

/// <summary>
/// Verifies a signature value with a certificate's public key. RSA PKCS#1 v1.5 and PSS with SHA-1/2 and the default PSS
/// parameters, and ECDSA on curves OpenSSL knows, go through .NET on keys imported once (<see cref="FastSignatureCheck"/>):
/// that is every signature we make. Everything else (SHA-224, SHA-512/t, SHA-3, other PSS parameters, DSA, Ed25519,
/// Ed448, curves .NET cannot import) goes through BouncyCastle.
/// </summary>
internal static class CmsSignatureVerifier
{
    private const string RsaKey = "1.2.840.113549.1.1.1";
    private const string RsaPssKey = "1.2.840.113549.1.1.10";
    private const string EcKey = "1.2.840.10045.2.1";
    private const string DsaKey = "1.2.840.10040.4.1";
    private const string Ed25519Key = "1.3.101.112";
    private const string Ed448Key = "1.3.101.113";

    /// <summary>True or false; null when it cannot be verified here (pure EdDSA over content we only have a digest of).</summary>
    public static bool? Verify(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate certificate, CmsSignatureAlgorithm algorithm, SignedMessage message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(message);
        var keyOid = certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id;
        try
        {
            return algorithm.Scheme switch
            {
                SignatureScheme.RsaPkcs1 when keyOid is RsaKey or RsaPssKey => VerifyPkcs1(keys, certificate, keyOid, algorithm.Digest!, message.DigestWith(algorithm.Digest!), signature),
                SignatureScheme.RsaPss when keyOid is RsaKey or RsaPssKey => VerifyPss(keys, certificate, keyOid, algorithm, message.DigestWith(algorithm.Digest!), signature),
                SignatureScheme.EcdsaDer or SignatureScheme.EcdsaPlain when keyOid is EcKey =>
                    VerifyEcdsa(keys, certificate, algorithm.Scheme == SignatureScheme.EcdsaPlain, message.DigestWith(algorithm.Digest!), signature),
                SignatureScheme.Dsa when keyOid is DsaKey => VerifyDsa(certificate, message.DigestWith(algorithm.Digest!), signature),
                SignatureScheme.Ed25519 when keyOid is Ed25519Key => message.Bytes is { } bytes ? VerifyEdDsa(new Ed25519Signer(), certificate, bytes, signature) : null,
                SignatureScheme.Ed448 when keyOid is Ed448Key => message.Bytes is { } bytes ? VerifyEdDsa(new Ed448Signer([]), certificate, bytes, signature) : null,
                _ => false,
            };
        }
        catch (Exception ex) when (ex is CryptoException or CryptographicException or ArgumentException or InvalidCastException or IOException
                                       or SecurityUtilityException)
        {
            // A key or signature we cannot even decode does not verify.
            return false;
        }
    }

    private static bool IsPlatformRsaDigest(DigestFunction digest) =>
        digest == DigestFunction.Sha256 || digest == DigestFunction.Sha384 || digest == DigestFunction.Sha512 || digest == DigestFunction.Sha1;

    private static bool VerifyPkcs1(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate certificate, string keyOid, DigestFunction digest, byte[] hash, byte[] signature)
    {
        if (keyOid == RsaKey && IsPlatformRsaDigest(digest))
        {
            return FastSignatureCheck.VerifyRsaHash(keys, certificate, hash, signature, digest.Name, RSASignaturePadding.Pkcs1);
        }

        var decoder = new Pkcs1Encoding(new RsaEngine());
        decoder.Init(false, RsaPublicKey(certificate));
        byte[] digestInfo;
        try
        {
            digestInfo = decoder.ProcessBlock(signature, 0, signature.Length);
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }

        // The DigestInfo's algorithm parameters are NULL (RFC 8017) or, as some signers write them, absent.
        var oid = new DerObjectIdentifier(digest.Oid);
        return CryptographicOperations.FixedTimeEquals(digestInfo, new DigestInfo(new AlgorithmIdentifier(oid, DerNull.Instance), hash).GetDerEncoded())
            || CryptographicOperations.FixedTimeEquals(digestInfo, new DigestInfo(new AlgorithmIdentifier(oid), hash).GetDerEncoded());
    }

    private static bool VerifyPss(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate certificate, string keyOid, CmsSignatureAlgorithm algorithm, byte[] hash, byte[] signature)
    {
        var digest = algorithm.Digest!;
        var pss = algorithm.Pss!;
        if (keyOid == RsaKey && IsPlatformRsaDigest(digest) && pss.Mgf1Digest == digest && pss.SaltLength == digest.Length)
        {
            return FastSignatureCheck.VerifyRsaHash(keys, certificate, hash, signature, digest.Name, RSASignaturePadding.Pss);
        }

        var signer = PssSigner.CreateRawSigner(new RsaEngine(), DigestUtilities.GetDigest(digest.Oid), DigestUtilities.GetDigest(pss.Mgf1Digest.Oid),
            pss.SaltLength, PssSigner.TrailerImplicit);
        signer.Init(false, RsaPublicKey(certificate));
        signer.BlockUpdate(hash, 0, hash.Length);
        return signer.VerifySignature(signature);
    }

    private static bool VerifyEcdsa(BoundedCache<ContentKey, AsymmetricAlgorithm> keys, BcCertificate certificate, bool plain, byte[] hash, byte[] signature)
    {
        var format = plain ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        if (FastSignatureCheck.VerifyEcdsaHash(keys, certificate, hash, signature, format) is bool fast)
        {
            return fast;
        }

        var key = (ECPublicKeyParameters)certificate.GetPublicKey();
        var (r, s) = plain ? SplitPlain(signature, key.Parameters.N) : SplitDer(signature);
        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return r is not null && s is not null && signer.VerifySignature(hash, r, s);
    }

    private static bool VerifyDsa(BcCertificate certificate, byte[] hash, byte[] signature)
    {
        var (r, s) = SplitDer(signature);
        var signer = new DsaSigner();
        signer.Init(false, (DsaPublicKeyParameters)certificate.GetPublicKey());
        return r is not null && s is not null && signer.VerifySignature(hash, r, s);
    }

    private static bool VerifyEdDsa(ISigner signer, BcCertificate certificate, byte[] message, byte[] signature)
    {
        signer.Init(false, certificate.GetPublicKey());
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }

    private static RsaKeyParameters RsaPublicKey(BcCertificate certificate) => (RsaKeyParameters)certificate.GetPublicKey();

    private static (BigInteger? R, BigInteger? S) SplitDer(byte[] signature)
    {
        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(signature));
        if (sequence.Count != 2 || !sequence.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(signature))
        {
            return (null, null);
        }

        return (DerInteger.GetInstance(sequence[0]).PositiveValue, DerInteger.GetInstance(sequence[1]).PositiveValue);
    }

    private static (BigInteger? R, BigInteger? S) SplitPlain(byte[] signature, BigInteger order)
    {
        var width = (order.BitLength + 7) / 8;
        if (signature.Length != 2 * width)
        {
            return (null, null);
        }

        return (new BigInteger(1, signature, 0, width), new BigInteger(1, signature, width, width));
    }
}
