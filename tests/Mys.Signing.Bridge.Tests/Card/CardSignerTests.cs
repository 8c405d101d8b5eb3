using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Security;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Card;

[Collection(SoftHsmCollection.Name)]
public sealed class CardSignerTests(SoftHsmFixture hsm)
{
    [Theory]
    [InlineData("SHA-256")]
    [InlineData("SHA-384")]
    public async Task Rsa_signature_verifies_with_the_certificate(string algorithmName)
    {
        var algorithm = DigestAlgorithm.Parse(algorithmName)!;
        var digest = Hash(algorithm, "ÖEB 2026/123");

        var result = await Sign(hsm.Rsa, algorithm, [digest]);

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        result.Value.SignatureAlgorithm.ShouldBe(algorithm.RsaSignatureName);
        using var rsa = hsm.Rsa.Certificate.GetRSAPublicKey()!;
        rsa.VerifyHash(digest, result.Value.Signatures[0], algorithm.Hash, RSASignaturePadding.Pkcs1).ShouldBeTrue();
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("SHA-384")]
    public async Task Ec_signature_is_raw_r_s_and_verifies_with_the_certificate(string algorithmName)
    {
        // The EC key carries CKA_ALWAYS_AUTHENTICATE: this also proves the context-specific login per signature.
        var algorithm = DigestAlgorithm.Parse(algorithmName)!;
        var digest = Hash(algorithm, "ÖEB 2026/124");

        var result = await Sign(hsm.Ec, algorithm, [digest]);

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        result.Value.SignatureFormat.ShouldBe("raw-r-s");
        result.Value.Signatures[0].Length.ShouldBe(64);
        using var ec = hsm.Ec.Certificate.GetECDsaPublicKey()!;
        ec.VerifyHash(digest, result.Value.Signatures[0], DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
    }

    [Fact]
    public async Task Several_digests_are_signed_in_one_login_and_keep_their_order()
    {
        var digests = Enumerable.Range(1, 5).Select(i => Hash(DigestAlgorithm.Sha256, $"ÖEB {i}")).ToList();

        var result = await Sign(hsm.Ec, DigestAlgorithm.Sha256, digests);

        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        using var ec = hsm.Ec.Certificate.GetECDsaPublicKey()!;
        for (var i = 0; i < digests.Count; i++)
        {
            ec.VerifyHash(digests[i], result.Value.Signatures[i], DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Wrong_pin_counts_down_and_a_good_pin_still_signs()
    {
        var wrong = await Sign(hsm.PinTarget, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")], "000000");

        wrong.Error!.Code.ShouldBe("AGENT_PIN_INCORRECT");
        wrong.Error.TriesRemaining.ShouldBe(2);
        wrong.Error.HttpStatus.ShouldBe(401);

        var atFinalTry = await Sign(hsm.FinalTry, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")], "000000");

        atFinalTry.Error!.Code.ShouldBe("AGENT_PIN_INCORRECT");
        atFinalTry.Error.TriesRemaining.ShouldBe(1);

        var good = await Sign(hsm.PinTarget, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")]);

        good.IsSuccess.ShouldBeTrue(good.Error?.Code);
    }

    [Fact]
    public async Task Locked_card_is_reported_even_with_the_right_pin()
    {
        var result = await Sign(hsm.Locked, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")]);

        result.Error!.Code.ShouldBe("AGENT_PIN_LOCKED");
        result.Error.TriesRemaining.ShouldBe(0);
        result.Error.NextStep.ShouldContain("Kilit Çözme");
    }

    [Fact]
    public async Task Certificate_that_is_on_no_card_is_refused()
    {
        var result = await Sign(hsm.NotOnAnyCard, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")]);

        result.Error!.Code.ShouldBe("AGENT_CERT_NOT_ON_CARD");
    }

    [Fact]
    public async Task Empty_pin_is_refused_before_the_card_is_asked()
    {
        var result = await Sign(hsm.Rsa, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")], string.Empty);

        result.Error!.Code.ShouldBe("AGENT_PIN_REQUIRED");
    }

    [Fact]
    public async Task Pin_buffer_is_zeroed_after_use()
    {
        var pin = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(SoftHsmFixture.UserPin));
        var command = new SignCommand(hsm.Rsa.Certificate.RawData, DigestAlgorithm.Sha256, [Hash(DigestAlgorithm.Sha256, "x")]);

        (await hsm.Signer.SignAsync(command, pin, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        pin.Dispose();

        pin.Utf8.Length.ShouldBe(0);
        pin.ToString().ShouldBe("***");
    }

    internal static byte[] Hash(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : SHA384.HashData(bytes);
    }

    private async Task<BridgeResult<SignOutcome>> Sign(
        TestCredential credential, DigestAlgorithm algorithm, IReadOnlyList<byte[]> digests, string pin = SoftHsmFixture.UserPin)
    {
        using var sensitive = SensitivePin.FromUtf8(Encoding.UTF8.GetBytes(pin));
        return await hsm.Signer.SignAsync(new SignCommand(credential.Certificate.RawData, algorithm, digests), sensitive, CancellationToken.None);
    }
}
