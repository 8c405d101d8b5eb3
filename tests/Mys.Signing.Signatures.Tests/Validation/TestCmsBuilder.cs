using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>A key of one algorithm family and a certificate for it, issued by a throw-away test CA (not trusted by the validator).</summary>
public sealed record TestKey(string Name, AsymmetricCipherKeyPair Pair, BcCertificate Certificate)
{
    public override string ToString() => Name;
}

/// <summary>How the signature value is computed: an independent BouncyCastle implementation, not the validator's code.</summary>
public enum TestScheme
{
    RsaPkcs1,
    RsaPss,
    EcdsaDer,
    EcdsaPlain,
    Ed25519,
    Ed448,
}

/// <summary>One signer configuration: key, scheme, the digest of the signer info and the signatureAlgorithm identifier written.</summary>
public sealed record TestAlgorithm(string Label, TestKey Key, TestScheme Scheme, string DigestOid, AlgorithmIdentifier SignatureAlgorithm,
    string? PssMgfDigestOid = null, int PssSalt = 0)
{
    public override string ToString() => Label;
}

/// <summary>Builds CMS SignedData by hand, so every field (algorithm identifiers, PSS parameters, content) is what the test says.</summary>
public static class TestCmsBuilder
{
    private static readonly SecureRandom Random = new();
    private static readonly Lazy<AsymmetricCipherKeyPair> CaKey = new(() => EcPair("P-256"));
    private static readonly Lazy<TestKey> LazyRsa = new(() => Issue("RSA-2048", RsaPair()));
    private static readonly Lazy<TestKey> LazyP256 = new(() => Issue("P-256", EcPair("P-256")));
    private static readonly Lazy<TestKey> LazyP384 = new(() => Issue("P-384", EcPair("P-384")));
    private static readonly Lazy<TestKey> LazyBrainpool = new(() => Issue("brainpoolP256r1", EcPair("brainpoolP256r1")));
    private static readonly Lazy<TestKey> LazyEd25519 = new(() => Issue("Ed25519", Ed25519Pair()));
    private static readonly Lazy<TestKey> LazyEd448 = new(() => Issue("Ed448", Ed448Pair()));

    private static readonly Lazy<TestKey> LazyRsaTsa = new(() => Issue("RSA TSA", RsaPair(), timeStamping: true));
    private static readonly Lazy<TestKey> LazyEcTsa = new(() => Issue("P-256 TSA", EcPair("P-256"), timeStamping: true));

    public static TestKey Rsa => LazyRsa.Value;

    /// <summary>Time-stamping units: certificates with the critical id-kp-timeStamping extended key usage RFC 3161 requires.</summary>
    public static TestKey RsaTsa => LazyRsaTsa.Value;

    public static TestKey EcTsa => LazyEcTsa.Value;

    public static TestKey P256 => LazyP256.Value;

    public static TestKey P384 => LazyP384.Value;

    public static TestKey Brainpool => LazyBrainpool.Value;

    public static TestKey Ed25519 => LazyEd25519.Value;

    public static TestKey Ed448 => LazyEd448.Value;

    public static AlgorithmIdentifier Alg(string oid, Asn1Encodable? parameters = null) =>
        parameters is null ? new AlgorithmIdentifier(new DerObjectIdentifier(oid)) : new AlgorithmIdentifier(new DerObjectIdentifier(oid), parameters);

    public static AlgorithmIdentifier PssAlg(string hashOid, string mgfHashOid, int salt) => new(PkcsObjectIdentifiers.IdRsassaPss,
        new RsassaPssParameters(Alg(hashOid, DerNull.Instance), new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, Alg(mgfHashOid, DerNull.Instance)),
            DerInteger.ValueOf(salt), DerInteger.One));

    /// <summary>
    /// A CMS signature over <paramref name="content"/>: detached (<paramref name="encapsulate"/> false) or with the content
    /// encapsulated; with the usual CAdES signed attributes or none (then the signature is over the content itself).
    /// </summary>
    public static byte[] Sign(TestAlgorithm algorithm, byte[] content, bool signedAttributes = true, bool encapsulate = false)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var digestAlg = Alg(algorithm.DigestOid, algorithm.Scheme is TestScheme.Ed25519 or TestScheme.Ed448 ? null : DerNull.Instance);
        Asn1Set? attributes = null;
        var toSign = content;
        if (signedAttributes)
        {
            var certHash = DigestUtilities.CalculateDigest("SHA-256", algorithm.Key.Certificate.GetEncoded());
            var v = new Asn1EncodableVector
            {
                new Attribute(CmsAttributes.ContentType, new DerSet(PkcsObjectIdentifiers.Data)),
                new Attribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(DateTime.UtcNow))),
                new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString(Digest(algorithm.DigestOid, content)))),
                new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([new EssCertIDv2(certHash)]))),
            };
            attributes = new DerSet(v);
            toSign = attributes.GetEncoded(Asn1Encodable.Der);
        }

        var signature = SignBytes(algorithm, toSign);
        var cert = algorithm.Key.Certificate;
        var signerInfo = new SignerInfo(new SignerIdentifier(new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(cert.IssuerDN, cert.SerialNumber)), digestAlg, attributes,
            algorithm.SignatureAlgorithm, new DerOctetString(signature), null);
        var encap = new ContentInfo(PkcsObjectIdentifiers.Data, encapsulate ? new DerOctetString(content) : null);
        var signedData = new SignedData(new DerSet(digestAlg), encap, new DerSet(cert.CertificateStructure), null, new DerSet(signerInfo));
        return new ContentInfo(PkcsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>A SignedData with no signer infos (a CMS nobody signed).</summary>
    public static byte[] WithoutSigners() => new ContentInfo(PkcsObjectIdentifiers.SignedData,
        new SignedData(new DerSet(), new ContentInfo(PkcsObjectIdentifiers.Data, null), null, null, new DerSet())).GetEncoded(Asn1Encodable.Der);

    public static byte[] Digest(string oid, byte[] data)
    {
        var digest = DigestUtilities.GetDigest(oid);
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    public static string Pem(BcCertificate certificate) =>
        "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";

    private static byte[] SignBytes(TestAlgorithm algorithm, byte[] message)
    {
        ISigner signer = algorithm.Scheme switch
        {
            TestScheme.RsaPkcs1 => new RsaPkcs1Signer(algorithm.DigestOid),
            TestScheme.RsaPss => new PssSigner(new RsaEngine(), DigestUtilities.GetDigest(algorithm.DigestOid),
                DigestUtilities.GetDigest(algorithm.PssMgfDigestOid ?? algorithm.DigestOid), algorithm.PssSalt),
            TestScheme.EcdsaDer => new DsaDigestSigner(new ECDsaSigner(), DigestUtilities.GetDigest(algorithm.DigestOid)),
            TestScheme.EcdsaPlain => new DsaDigestSigner(new ECDsaSigner(), DigestUtilities.GetDigest(algorithm.DigestOid), PlainDsaEncoding.Instance),
            TestScheme.Ed25519 => new Ed25519Signer(),
            TestScheme.Ed448 => new Ed448Signer([]),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        signer.Init(true, algorithm.Key.Pair.Private);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static TestKey Issue(string name, AsymmetricCipherKeyPair pair, bool timeStamping = false)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Random.NextInt() & int.MaxValue));
        generator.SetIssuerDN(new X509Name("CN=Test CMS CA"));
        generator.SetSubjectDN(new X509Name("CN=Test signer " + name));
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddYears(1));
        generator.SetPublicKey(pair.Public);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        if (timeStamping)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping));
        }

        var certificate = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", CaKey.Value.Private, Random));
        return new TestKey(name, pair, certificate);
    }

    private static AsymmetricCipherKeyPair RsaPair()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Random, 2048, 80));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair EcPair(string curve)
    {
        var oid = curve == "brainpoolP256r1" ? Org.BouncyCastle.Asn1.TeleTrust.TeleTrusTObjectIdentifiers.BrainpoolP256R1 : X962NamedCurves.GetOid(curve)
            ?? NistNamedCurves.GetOid(curve);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(oid, Random));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair Ed25519Pair()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(Random));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair Ed448Pair()
    {
        var generator = new Ed448KeyPairGenerator();
        generator.Init(new Ed448KeyGenerationParameters(Random));
        return generator.GenerateKeyPair();
    }

    /// <summary>RSASSA-PKCS1-v1_5 for any digest: the DigestInfo (with NULL parameters) padded and raised to the private exponent.</summary>
    private sealed class RsaPkcs1Signer(string digestOid) : ISigner
    {
        private readonly IDigest _digest = DigestUtilities.GetDigest(digestOid);
        private readonly Pkcs1Encoding _rsa = new(new RsaEngine());

        public string AlgorithmName => "RSA-PKCS1";

        public void Init(bool forSigning, ICipherParameters parameters) => _rsa.Init(forSigning, parameters);

        public void Update(byte input) => _digest.Update(input);

        public void BlockUpdate(byte[] input, int inOff, int length) => _digest.BlockUpdate(input, inOff, length);

        public void BlockUpdate(ReadOnlySpan<byte> input) => _digest.BlockUpdate(input);

        public int GetMaxSignatureSize() => _rsa.GetOutputBlockSize();

        public byte[] GenerateSignature()
        {
            var hash = new byte[_digest.GetDigestSize()];
            _digest.DoFinal(hash, 0);
            var info = new DigestInfo(new AlgorithmIdentifier(new DerObjectIdentifier(digestOid), DerNull.Instance), hash).GetDerEncoded();
            return _rsa.ProcessBlock(info, 0, info.Length);
        }

        public bool VerifySignature(byte[] signature) => throw new NotSupportedException();

        public void Reset() => _digest.Reset();
    }
}
