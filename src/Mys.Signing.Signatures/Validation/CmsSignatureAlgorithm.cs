using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace Mys.Signing.Signatures.Validation;

/// <summary>The families of signature the validator verifies.</summary>
internal enum SignatureScheme
{
    RsaPkcs1,
    RsaPss,
    /// <summary>ECDSA with (r, s) as a DER SEQUENCE (X9.62, RFC 3279).</summary>
    EcdsaDer,
    /// <summary>ECDSA with r ‖ s as fixed-width big-endian integers (BSI TR-03111 "plain").</summary>
    EcdsaPlain,
    Dsa,
    Ed25519,
    Ed448,
}

/// <summary>RSASSA-PSS parameters (RFC 4055); the trailer field is always 1 (0xBC).</summary>
internal sealed record PssParameters(DigestFunction Mgf1Digest, int SaltLength);

/// <summary>
/// A signer info's (or a time-stamp token's) signatureAlgorithm: the scheme and the digest that is signed. Pure EdDSA
/// signs the message itself, so its <see cref="Digest"/> is null. Algorithm OIDs that do not name a digest
/// (rsaEncryption, id-ecPublicKey, id-dsa) sign with the signer's digestAlgorithm.
/// </summary>
internal sealed record CmsSignatureAlgorithm(SignatureScheme Scheme, DigestFunction? Digest, PssParameters? Pss = null)
{
    private const string Nist = "2.16.840.1.101.3.4.";
    private const string BsiPlain = "0.4.0.127.0.7.1.1.4.1.";

    private static readonly Dictionary<string, (SignatureScheme Scheme, DigestFunction? Digest)> ByOid = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.1"] = (SignatureScheme.RsaPkcs1, null),
        ["1.2.840.113549.1.1.5"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha1),
        ["1.3.14.3.2.29"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha1),
        ["1.2.840.113549.1.1.14"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha224),
        ["1.2.840.113549.1.1.11"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha256),
        ["1.2.840.113549.1.1.12"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha384),
        ["1.2.840.113549.1.1.13"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha512),
        ["1.2.840.113549.1.1.15"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha512T224),
        ["1.2.840.113549.1.1.16"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha512T256),
        [Nist + "3.13"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha3With224),
        [Nist + "3.14"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha3With256),
        [Nist + "3.15"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha3With384),
        [Nist + "3.16"] = (SignatureScheme.RsaPkcs1, DigestFunction.Sha3With512),

        ["1.2.840.10045.2.1"] = (SignatureScheme.EcdsaDer, null),
        ["1.2.840.10045.4.1"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha1),
        ["1.2.840.10045.4.3.1"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha224),
        ["1.2.840.10045.4.3.2"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha256),
        ["1.2.840.10045.4.3.3"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha384),
        ["1.2.840.10045.4.3.4"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha512),
        [Nist + "3.9"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha3With224),
        [Nist + "3.10"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha3With256),
        [Nist + "3.11"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha3With384),
        [Nist + "3.12"] = (SignatureScheme.EcdsaDer, DigestFunction.Sha3With512),

        [BsiPlain + "1"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha1),
        [BsiPlain + "2"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha224),
        [BsiPlain + "3"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha256),
        [BsiPlain + "4"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha384),
        [BsiPlain + "5"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha512),
        [BsiPlain + "8"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha3With224),
        [BsiPlain + "9"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha3With256),
        [BsiPlain + "10"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha3With384),
        [BsiPlain + "11"] = (SignatureScheme.EcdsaPlain, DigestFunction.Sha3With512),

        ["1.2.840.10040.4.1"] = (SignatureScheme.Dsa, null),
        ["1.2.840.10040.4.3"] = (SignatureScheme.Dsa, DigestFunction.Sha1),
        [Nist + "3.1"] = (SignatureScheme.Dsa, DigestFunction.Sha224),
        [Nist + "3.2"] = (SignatureScheme.Dsa, DigestFunction.Sha256),
        [Nist + "3.3"] = (SignatureScheme.Dsa, DigestFunction.Sha384),
        [Nist + "3.4"] = (SignatureScheme.Dsa, DigestFunction.Sha512),

        ["1.3.101.112"] = (SignatureScheme.Ed25519, null),
        ["1.3.101.113"] = (SignatureScheme.Ed448, null),
    };

    /// <summary>The algorithm, or null when it is not one the validator supports.</summary>
    public static CmsSignatureAlgorithm? From(AlgorithmIdentifier algorithm, DigestFunction signerDigest)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var oid = algorithm.Algorithm.Id;
        if (oid == PkcsObjectIdentifiers.IdRsassaPss.Id)
        {
            return FromPssParameters(algorithm.Parameters);
        }

        if (!ByOid.TryGetValue(oid, out var known))
        {
            return null;
        }

        return known.Scheme is SignatureScheme.Ed25519 or SignatureScheme.Ed448
            ? new CmsSignatureAlgorithm(known.Scheme, null)
            : new CmsSignatureAlgorithm(known.Scheme, known.Digest ?? signerDigest);
    }

    private static CmsSignatureAlgorithm? FromPssParameters(Asn1Encodable? encoded)
    {
        RsassaPssParameters parameters;
        try
        {
            parameters = encoded is null or DerNull ? RsassaPssParameters.GetInstance(new DerSequence()) : RsassaPssParameters.GetInstance(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var digest = DigestFunction.FromOid(parameters.HashAlgorithm.Algorithm.Id);
        var mask = parameters.MaskGenAlgorithm;
        if (digest is null || mask.Algorithm.Id != PkcsObjectIdentifiers.IdMgf1.Id || parameters.TrailerField.Value.IntValue != 1
            || DigestFunction.FromOid(AlgorithmIdentifier.GetInstance(mask.Parameters).Algorithm.Id) is not { } mgfDigest)
        {
            return null;
        }

        return new CmsSignatureAlgorithm(SignatureScheme.RsaPss, digest, new PssParameters(mgfDigest, parameters.SaltLength.Value.IntValue));
    }
}
