using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using Org.BouncyCastle.Asn1.Pkcs;
using static Mys.Signing.Signatures.Tests.Validation.TestCmsBuilder;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// Breadth of what verifies: every supported signature algorithm × digest, with and without signed attributes, signed by
/// an independent (BouncyCastle) implementation. The signer's CA is not trusted, so an intact signature ends in
/// INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND — the check after integrity — and a broken one in TOTAL-FAILED.
/// </summary>
public sealed class CmsAlgorithmTests
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha224 = "2.16.840.1.101.3.4.2.4";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";
    public const string Sha512T256 = "2.16.840.1.101.3.4.2.6";
    public const string Sha3With224 = "2.16.840.1.101.3.4.2.7";
    public const string Sha3With256 = "2.16.840.1.101.3.4.2.8";
    public const string Sha3With384 = "2.16.840.1.101.3.4.2.9";
    public const string Sha3With512 = "2.16.840.1.101.3.4.2.10";
    public const string Shake256 = "2.16.840.1.101.3.4.2.12";
    private const string RsaEncryption = "1.2.840.113549.1.1.1";
    private const string BsiPlain = "0.4.0.127.0.7.1.1.4.1.";

    private static readonly Dictionary<string, Func<TestAlgorithm>> Algorithms = Build();

    public static TheoryData<string> All => new(Algorithms.Keys);

    /// <summary>Without signed attributes pure EdDSA would sign the whole content, which the validator only digests.</summary>
    public static TheoryData<string> AllButEdDsa => new(Algorithms.Keys.Where(k => !k.StartsWith("Ed", StringComparison.Ordinal)));

    public static TestAlgorithm Get(string label) => Algorithms[label]();

    [Theory]
    [MemberData(nameof(All))]
    public async Task An_intact_signature_with_signed_attributes_verifies(string label)
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get(label), content), content);
        IntegrityHolds(signature);
    }

    [Theory]
    [MemberData(nameof(AllButEdDsa))]
    public async Task An_intact_signature_over_the_content_itself_verifies(string label)
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get(label), content, signedAttributes: false), content);
        IntegrityHolds(signature);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task One_changed_bit_of_the_content_is_a_hash_failure(string label)
    {
        var content = RandomContent();
        var cms = Sign(Get(label), content);
        content[17] ^= 0x01;
        var signature = await ValidateAsync(cms, content);
        signature.Indication.ShouldBe(Indication.TotalFailed, Describe(signature));
        signature.SubIndication.ShouldBe(SubIndication.HashFailure);
        signature.Findings.ShouldContain("MESSAGE_DIGEST_MISMATCH");
    }

    [Theory]
    [MemberData(nameof(AllButEdDsa))]
    public async Task Without_signed_attributes_a_changed_content_breaks_the_signature(string label)
    {
        var content = RandomContent();
        var cms = Sign(Get(label), content, signedAttributes: false);
        content[^1] ^= 0x80;
        var signature = await ValidateAsync(cms, content);
        signature.Indication.ShouldBe(Indication.TotalFailed, Describe(signature));
        signature.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
        signature.Findings.ShouldContain("SIGNATURE_VALUE_INVALID");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task One_changed_bit_of_the_signature_value_is_a_crypto_failure(string label)
    {
        var content = RandomContent();
        var cms = Sign(Get(label), content);
        var signature = await ValidateAsync(FlipLastSignatureBit(cms), content);
        signature.Indication.ShouldBe(Indication.TotalFailed, Describe(signature));
        signature.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
        signature.Findings.ShouldContain("SIGNATURE_VALUE_INVALID");
    }

    [Theory]
    [InlineData("RSA/rsaEncryption/SHA-1")]
    [InlineData("RSA/sha1WithRSA")]
    [InlineData("ECDSA/P-256/SHA-1")]
    [InlineData("ECDSA-plain/P-256/SHA-1")]
    public async Task SHA_1_still_verifies_but_is_reported_as_weak(string label)
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get(label), content), content);
        IntegrityHolds(signature);
        signature.Findings.ShouldContain("WEAK_DIGEST_ALGORITHM: SHA-1");
        signature.DigestAlgorithm.ShouldBe("SHA1");
    }

    [Fact]
    public async Task Strong_digests_are_not_reported_as_weak()
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get("RSA/sha256WithRSA"), content), content);
        signature.Findings.ShouldNotContain(f => f.StartsWith("WEAK_", StringComparison.Ordinal));
        signature.DigestAlgorithm.ShouldBe("SHA256");
    }

    [Fact]
    public async Task Pure_EdDSA_over_detached_content_is_indeterminate_not_passed()
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get("Ed25519"), content, signedAttributes: false), content);
        signature.Indication.ShouldBe(Indication.Indeterminate);
        signature.SubIndication.ShouldBe(SubIndication.SigConstraintsFailure);
        signature.Findings.ShouldContain("SIGNATURE_ALGORITHM_UNSUPPORTED: 1.3.101.112");
    }

    [Fact]
    public async Task An_unknown_signature_algorithm_is_indeterminate_never_passed()
    {
        var content = RandomContent();
        var known = Get("RSA/sha256WithRSA");
        var signature = await ValidateAsync(Sign(known with { SignatureAlgorithm = Alg("1.2.3.4.5") }, content), content);
        signature.Indication.ShouldBe(Indication.Indeterminate);
        signature.SubIndication.ShouldBe(SubIndication.SigConstraintsFailure);
        signature.Findings.ShouldContain("SIGNATURE_ALGORITHM_UNSUPPORTED: 1.2.3.4.5");
    }

    [Fact]
    public async Task An_unsupported_digest_algorithm_is_indeterminate_never_passed()
    {
        var content = RandomContent();
        const string md5 = "1.2.840.113549.2.5";
        var signature = await ValidateAsync(Sign(Get("RSA/rsaEncryption/SHA-256") with { DigestOid = md5 }, content), content);
        signature.Indication.ShouldBe(Indication.Indeterminate);
        signature.Findings.ShouldContain("DIGEST_ALGORITHM_UNSUPPORTED: " + md5);
    }

    [Fact]
    public async Task An_ECDSA_signature_declared_as_RSA_fails()
    {
        var content = RandomContent();
        var ecdsa = Get("ECDSA/P-256/SHA-256");
        var signature = await ValidateAsync(Sign(ecdsa with { SignatureAlgorithm = Alg("1.2.840.113549.1.1.11") }, content), content);
        signature.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
    }

    [Fact]
    public async Task A_wrong_PSS_salt_length_fails()
    {
        var content = RandomContent();
        var pss = Get("RSA-PSS/SHA-256/MGF1-SHA-256/salt-20");
        var lying = pss with { SignatureAlgorithm = PssAlg(Sha256, Sha256, 32) };
        (await ValidateAsync(Sign(lying, content), content)).SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
    }

    [Fact]
    public async Task A_CMS_with_encapsulated_content_is_not_a_detached_signature()
    {
        var content = RandomContent();
        var signature = await ValidateAsync(Sign(Get("RSA/sha256WithRSA"), content, encapsulate: true), content);
        signature.Indication.ShouldBe(Indication.TotalFailed);
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldBe(["CMS_CONTENT_NOT_DETACHED"]);
    }

    [Theory]
    [InlineData("empty", "CMS_EMPTY")]
    [InlineData("zeros", "CMS_EMPTY")]
    [InlineData("no-signer", "CMS_EMPTY")]
    [InlineData("garbage", "CMS_UNREADABLE")]
    public async Task A_CMS_without_a_signature_is_a_format_failure(string kind, string code)
    {
        byte[] cms = kind switch
        {
            "empty" => [],
            "zeros" => new byte[8192],
            "no-signer" => [.. WithoutSigners(), .. new byte[100]],
            _ => [0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2A, 0x86, 0x48],
        };
        var signature = await ValidateAsync(cms, RandomContent());
        signature.Indication.ShouldBe(Indication.TotalFailed);
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldBe([code]);
    }

    [Theory]
    [InlineData("RSA-PSS/SHA-256/MGF1-SHA-256/salt-32")]
    [InlineData("RSA-PSS/SHA-256/MGF1-SHA-256/salt-20")]
    [InlineData("RSA-PSS/SHA-384/MGF1-SHA-256/salt-48")]
    [InlineData("RSA/sha3-256WithRSA")]
    [InlineData("ECDSA/P-256/SHA-256")]
    [InlineData("ECDSA/brainpoolP256r1/SHA-256")]
    public async Task OpenSSL_agrees(string label)
    {
        var folder = Directory.CreateTempSubdirectory("mys-cms-").FullName;
        try
        {
            var content = RandomContent();
            var cms = Tools.WriteTemp(folder, "sig.der", Sign(Get(label), content));
            var data = Tools.WriteTemp(folder, "data.bin", content);
            var (code, output) = OpenSslVerify(cms, data);
            code.ShouldBe(0, output);
            output.ShouldContain("Verification successful");
            IntegrityHolds(await ValidateAsync(File.ReadAllBytes(cms), content));

            content[3] ^= 0x10;
            File.WriteAllBytes(data, content);
            OpenSslVerify(cms, data).ExitCode.ShouldNotBe(0);
            (await ValidateAsync(File.ReadAllBytes(cms), content)).SubIndication.ShouldBe(SubIndication.HashFailure);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>
    /// OpenSSL 3.0 cannot verify EdDSA inside CMS ("invalid digest"), so check the parts: the raw signature over the signed
    /// attributes with pkeyutl, and the message-digest attribute against openssl dgst of the content.
    /// </summary>
    [Theory]
    [InlineData("Ed25519", "-sha512")]
    [InlineData("Ed448", "-shake256")]
    public async Task OpenSSL_agrees_with_the_EdDSA_signature_and_digest(string label, string dgst)
    {
        var folder = Directory.CreateTempSubdirectory("mys-cms-").FullName;
        try
        {
            var algorithm = Get(label);
            var content = RandomContent();
            var cms = Sign(algorithm, content);
            var signer = new Org.BouncyCastle.Cms.CmsSignedData(cms).GetSignerInfos().GetSigners().Cast<Org.BouncyCastle.Cms.SignerInformation>().Single();
            var key = Tools.WriteTemp(folder, "pub.pem", System.Text.Encoding.ASCII.GetBytes("-----BEGIN PUBLIC KEY-----\n"
                + Convert.ToBase64String(algorithm.Key.Certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), Base64FormattingOptions.InsertLineBreaks)
                + "\n-----END PUBLIC KEY-----\n"));
            var attributes = Tools.WriteTemp(folder, "attrs.der", signer.GetEncodedSignedAttributes());
            var value = Tools.WriteTemp(folder, "sig.bin", signer.GetSignature());
            var (code, output) = Tools.Run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key, "-rawin", "-in", attributes, "-sigfile", value);
            code.ShouldBe(0, output);
            var data = Tools.WriteTemp(folder, "data.bin", content);
            string[] dgstArgs = dgst == "-shake256" ? ["dgst", dgst, "-xoflen", "64", data] : ["dgst", dgst, data];
            var digest = Tools.Run("openssl", dgstArgs).Output.Split("= ")[1].Trim();
            var signedDigest = Org.BouncyCastle.Asn1.Asn1OctetString.GetInstance(signer.SignedAttributes[PkcsObjectIdentifiers.Pkcs9AtMessageDigest].AttrValues[0]).GetOctets();
            Convert.ToHexStringLower(signedDigest).ShouldBe(digest);
            IntegrityHolds(await ValidateAsync(cms, content));

            var tampered = FlipLastSignatureBit(cms);
            var flippedValue = Tools.WriteTemp(folder, "sig2.bin", new Org.BouncyCastle.Cms.CmsSignedData(tampered).GetSignerInfos().GetSigners()
                .Cast<Org.BouncyCastle.Cms.SignerInformation>().Single().GetSignature());
            Tools.Run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key, "-rawin", "-in", attributes, "-sigfile", flippedValue).ExitCode.ShouldNotBe(0);
            (await ValidateAsync(tampered, content)).SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    internal static void IntegrityHolds(SignatureReport signature)
    {
        signature.Indication.ShouldBe(Indication.Indeterminate, Describe(signature));
        signature.SubIndication.ShouldBe(SubIndication.NoCertificateChainFound, Describe(signature));
        signature.Findings.Where(f => !f.StartsWith("CHAIN_NOT_TRUSTED", StringComparison.Ordinal) && !f.StartsWith("WEAK_DIGEST_ALGORITHM", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    internal static string Describe(SignatureReport signature) => $"{signature.Indication}/{signature.SubIndication}: {string.Join("; ", signature.Findings)}";

    internal static SignatureValidator Validator() =>
        new(new ValidationOptions(), new HttpRevocationDataClient(new HttpClient()), TimeProvider.System);

    private static async Task<SignatureReport> ValidateAsync(byte[] cms, byte[] content) =>
        (await Validator().ValidateCadesAsync(cms, content)).Signatures.Single();

    private static (int ExitCode, string Output) OpenSslVerify(string cms, string data) =>
        Tools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content", data, "-noverify", "-out", "/dev/null");

    private static byte[] RandomContent() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(1500);

    /// <summary>The CMS with the last bit of the signer's signature value inverted (the DER stays well-formed).</summary>
    private static byte[] FlipLastSignatureBit(byte[] cms)
    {
        var signed = new Org.BouncyCastle.Cms.CmsSignedData(cms);
        var signer = signed.GetSignerInfos().GetSigners().Cast<Org.BouncyCastle.Cms.SignerInformation>().Single();
        var value = signer.GetSignature();
        var at = cms.AsSpan().LastIndexOf(value);
        at.ShouldBeGreaterThan(0);
        var copy = cms.ToArray();
        copy[at + value.Length - 1] ^= 0x01;
        return copy;
    }

    private static Dictionary<string, Func<TestAlgorithm>> Build()
    {
        var map = new Dictionary<string, Func<TestAlgorithm>>(StringComparer.Ordinal);
        void Add(string label, Func<TestAlgorithm> algorithm) => map.Add(label, algorithm);
        string[][] digests = [["SHA-1", Sha1], ["SHA-224", Sha224], ["SHA-256", Sha256], ["SHA-384", Sha384], ["SHA-512", Sha512], ["SHA-512/256", Sha512T256],
            ["SHA3-256", Sha3With256], ["SHA3-512", Sha3With512]];
        foreach (var d in digests)
        {
            var (name, oid) = (d[0], d[1]);
            Add("RSA/rsaEncryption/" + name, () => new TestAlgorithm(name, Rsa, TestScheme.RsaPkcs1, oid, Alg(RsaEncryption, Org.BouncyCastle.Asn1.DerNull.Instance)));
        }

        string[][] rsaOids = [["sha1WithRSA", "1.2.840.113549.1.1.5", Sha1], ["sha224WithRSA", "1.2.840.113549.1.1.14", Sha224],
            ["sha256WithRSA", "1.2.840.113549.1.1.11", Sha256], ["sha384WithRSA", "1.2.840.113549.1.1.12", Sha384],
            ["sha512WithRSA", "1.2.840.113549.1.1.13", Sha512], ["sha3-256WithRSA", "2.16.840.1.101.3.4.3.14", Sha3With256],
            ["sha3-384WithRSA", "2.16.840.1.101.3.4.3.15", Sha3With384]];
        foreach (var r in rsaOids)
        {
            Add("RSA/" + r[0], () => new TestAlgorithm(r[0], Rsa, TestScheme.RsaPkcs1, r[2], Alg(r[1], Org.BouncyCastle.Asn1.DerNull.Instance)));
        }

        (string Name, string Hash, string Mgf, int Salt)[] pss = [("SHA-256", Sha256, Sha256, 32), ("SHA-256", Sha256, Sha256, 20), ("SHA-384", Sha384, Sha256, 48),
            ("SHA-512", Sha512, Sha512, 64), ("SHA3-256", Sha3With256, Sha3With256, 32)];
        foreach (var p in pss)
        {
            var mgfName = p.Mgf == p.Hash ? p.Name : "SHA-256";
            Add($"RSA-PSS/{p.Name}/MGF1-{mgfName}/salt-{p.Salt}",
                () => new TestAlgorithm("PSS", Rsa, TestScheme.RsaPss, p.Hash, PssAlg(p.Hash, p.Mgf, p.Salt), p.Mgf, p.Salt));
        }

        Add("RSA-PSS/default-parameters(SHA-1)", () => new TestAlgorithm("PSS-default", Rsa, TestScheme.RsaPss, Sha1,
            new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, new RsassaPssParameters()), Sha1, 20));

        string[][] ecdsa = [["SHA-1", "1.2.840.10045.4.1", Sha1], ["SHA-224", "1.2.840.10045.4.3.1", Sha224], ["SHA-256", "1.2.840.10045.4.3.2", Sha256],
            ["SHA-384", "1.2.840.10045.4.3.3", Sha384], ["SHA-512", "1.2.840.10045.4.3.4", Sha512], ["SHA3-256", "2.16.840.1.101.3.4.3.10", Sha3With256],
            ["SHA3-512", "2.16.840.1.101.3.4.3.12", Sha3With512]];
        foreach (var e in ecdsa)
        {
            Add("ECDSA/P-256/" + e[0], () => new TestAlgorithm(e[0], P256, TestScheme.EcdsaDer, e[2], Alg(e[1])));
        }

        Add("ECDSA/P-384/SHA-384", () => new TestAlgorithm("P-384", P384, TestScheme.EcdsaDer, Sha384, Alg("1.2.840.10045.4.3.3")));
        Add("ECDSA/brainpoolP256r1/SHA-256", () => new TestAlgorithm("brainpool", Brainpool, TestScheme.EcdsaDer, Sha256, Alg("1.2.840.10045.4.3.2")));
        Add("ECDSA/id-ecPublicKey/SHA-256", () => new TestAlgorithm("ecPublicKey", P256, TestScheme.EcdsaDer, Sha256, Alg("1.2.840.10045.2.1")));

        string[][] plain = [["SHA-1", "1", Sha1], ["SHA-224", "2", Sha224], ["SHA-256", "3", Sha256], ["SHA-384", "4", Sha384], ["SHA-512", "5", Sha512],
            ["SHA3-224", "8", Sha3With224], ["SHA3-256", "9", Sha3With256], ["SHA3-384", "10", Sha3With384], ["SHA3-512", "11", Sha3With512]];
        foreach (var p in plain)
        {
            Add("ECDSA-plain/P-256/" + p[0], () => new TestAlgorithm(p[0], P256, TestScheme.EcdsaPlain, p[2], Alg(BsiPlain + p[1])));
        }

        Add("ECDSA-plain/brainpoolP256r1/SHA-256", () => new TestAlgorithm("brainpool-plain", Brainpool, TestScheme.EcdsaPlain, Sha256, Alg(BsiPlain + "3")));
        Add("Ed25519", () => new TestAlgorithm("Ed25519", Ed25519, TestScheme.Ed25519, Sha512, Alg("1.3.101.112")));
        Add("Ed448", () => new TestAlgorithm("Ed448", Ed448, TestScheme.Ed448, Shake256, Alg("1.3.101.113")));
        return map;
    }
}
