using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.DevPki.Pki;

/// <summary>One certificate of the dev PKI with its private key (dev only: keys are kept in clear).</summary>
public sealed class DevPkiEntry
{
    public DevPkiEntry(string id, DevCertificateKind kind, BcCertificate certificate, byte[] pkcs8, DevKeyType keyType)
    {
        Id = id;
        Kind = kind;
        Certificate = certificate;
        Pkcs8PrivateKey = pkcs8;
        KeyType = keyType;
        PrivateKey = PrivateKeyFactory.CreateKey(pkcs8);
        _signer = new DevKeySigner(pkcs8, keyType);
    }

    private readonly DevKeySigner _signer;

    public string Id { get; }

    public DevCertificateKind Kind { get; }

    public DevKeyType KeyType { get; }

    public BcCertificate Certificate { get; }

    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>PKCS#8 DER of the private key.</summary>
    public byte[] Pkcs8PrivateKey { get; }

    public string? Name { get; init; }

    public string? Tckn { get; init; }

    /// <summary>Set for the revoked test certificate.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    public byte[] CertificateDer => Certificate.GetEncoded();

    public string SignatureAlgorithm => KeyType is DevKeyType.EcP256 or DevKeyType.EcP384 ? "SHA256WITHECDSA" : "SHA256WITHRSA";

    /// <summary>Signs a pre-computed digest the way a smart card does: RSA PKCS#1 v1.5 or raw ECDSA r‖s.</summary>
    public byte[] SignDigest(byte[] digest, HashAlgorithmName hashAlgorithm) => _signer.SignHash(digest, hashAlgorithm);

    /// <summary>SHA-256 with this key for BouncyCastle's generators (certificates, CRLs, OCSP responses, time-stamps).</summary>
    public ISignatureFactory SignatureFactory() => _signer.Sha256Factory();
}
