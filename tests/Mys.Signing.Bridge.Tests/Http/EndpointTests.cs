using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Tests.Card;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Mys.Signing.Bridge.Contracts;

namespace Mys.Signing.Bridge.Tests.Http;

[Collection(SoftHsmCollection.Name)]
public sealed class EndpointTests(SoftHsmFixture hsm)
{
    private readonly HttpClient _client = hsm.Http.CreateClient();

    [Fact]
    public async Task Status_reports_version_module_and_tokens()
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/status"));
        var status = await response.Content.ReadFromJsonAsync<StatusResponse>();

        status!.Version.ShouldNotBeNullOrEmpty();
        status.Module.Loaded.ShouldBeTrue();
        status.Module.Path.ShouldBe(SoftHsmFixture.ModulePath);
        status.Tokens.Select(t => t.Label).ShouldContain("MYS-MAIN");
        status.Tokens.Single(t => t.Label == "MYS-LOCKED").PinLocked.ShouldBeTrue();
        if (OperatingSystem.IsLinux() && IntPtr.Size == 8)
        {
            status.Abi.ShouldBe("unix-64"); // the value the web page has always received on 64-bit Linux
        }
    }

    [Fact]
    public async Task Certificates_lists_both_key_types_with_tckn()
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/certificates"));
        var body = await response.Content.ReadFromJsonAsync<CertificatesResponse>();

        var rsa = body!.Certificates.Single(c => c.Certificate == hsm.Rsa.CertificateBase64);
        rsa.Tckn.ShouldBe(SoftHsmFixture.Tckn);
        rsa.KeyType.ShouldBe("RSA");
        rsa.Token.Label.ShouldBe("MYS-MAIN");
        var ec = body.Certificates.Single(c => c.Certificate == hsm.Ec.CertificateBase64);
        ec.Curve.ShouldBe("P-256");
        ec.SupportedSignatureAlgorithms.ShouldContain("ES256");
    }

    [Fact]
    public async Task Batch_of_digests_is_signed_and_every_signature_verifies()
    {
        var digests = Enumerable.Range(1, 4).Select(i => CardSignerTests.Hash(DigestAlgorithm.Sha384, $"ÖEB-{i}")).ToList();

        using var response = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Rsa, "SHA-384", digests)));
        var body = await response.Content.ReadFromJsonAsync<SignResponse>();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!.SignatureAlgorithm.ShouldBe("RS384");
        body.DigestAlgorithm.ShouldBe("SHA-384");
        body.Signatures.Count.ShouldBe(4);
        using var rsa = hsm.Rsa.Certificate.GetRSAPublicKey()!;
        for (var i = 0; i < digests.Count; i++)
        {
            rsa.VerifyHash(digests[i], Convert.FromBase64String(body.Signatures[i]), HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Ec_signature_comes_back_as_raw_r_s_with_its_algorithm()
    {
        var digest = CardSignerTests.Hash(DigestAlgorithm.Sha256, "ÖEB");

        using var response = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Ec, "SHA-256", [digest])));
        var body = await response.Content.ReadFromJsonAsync<SignResponse>();

        body!.SignatureAlgorithm.ShouldBe("ES256");
        body.SignatureFormat.ShouldBe("raw-r-s");
        using var ec = hsm.Ec.Certificate.GetECDsaPublicKey()!;
        ec.VerifyHash(digest, Convert.FromBase64String(body.Signatures[0]), DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
    }

    [Theory]
    [InlineData("SHA-256", 31)]
    [InlineData("SHA-256", 48)]
    [InlineData("SHA-384", 32)]
    public async Task Digest_whose_length_does_not_match_the_algorithm_is_refused(string algorithm, int length)
    {
        using var response = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Rsa, algorithm, [new byte[length]])));
        var error = await response.Error();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Code.ShouldBe("AGENT_BAD_DIGEST");
        error.Message.ShouldContain("bayt");
    }

    [Fact]
    public async Task Sha1_is_refused()
    {
        using var response = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Rsa, "SHA-1", [new byte[20]])));

        (await response.Error()).Code.ShouldBe("AGENT_UNSUPPORTED_ALGORITHM");
    }

    [Fact]
    public async Task Certificate_not_on_any_card_is_refused_with_a_turkish_next_step()
    {
        var body = HttpTestClient.SignBody(hsm.NotOnAnyCard, "SHA-256", [CardSignerTests.Hash(DigestAlgorithm.Sha256, "x")]);

        using var response = await _client.SendAsync(HttpTestClient.Sign(body));
        var error = await response.Error();

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.Code.ShouldBe("AGENT_CERT_NOT_ON_CARD");
        error.NextStep.ShouldContain("kartı takın");
    }

    [Fact]
    public async Task Wrong_pin_reports_remaining_tries()
    {
        var body = HttpTestClient.SignBody(hsm.PinTarget, "SHA-256", [CardSignerTests.Hash(DigestAlgorithm.Sha256, "x")], pin: "999999");

        using var response = await _client.SendAsync(HttpTestClient.Sign(body));
        var error = await response.Error();

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Code.ShouldBe("AGENT_PIN_INCORRECT");
        error.TriesRemaining.ShouldBe(2);
    }

    [Fact]
    public async Task Locked_pin_is_reported()
    {
        var body = HttpTestClient.SignBody(hsm.Locked, "SHA-256", [CardSignerTests.Hash(DigestAlgorithm.Sha256, "x")]);

        using var response = await _client.SendAsync(HttpTestClient.Sign(body));

        (await response.Error()).Code.ShouldBe("AGENT_PIN_LOCKED");
    }

    [Fact]
    public async Task Non_json_body_is_refused()
    {
        using var request = HttpTestClient.Sign(new { });
        request.Content = new StringContent("pin=123456", Encoding.UTF8, "text/plain");

        using var response = await _client.SendAsync(request);

        (await response.Error()).Code.ShouldBe("AGENT_BAD_REQUEST");
    }

    [Fact]
    public async Task Malformed_certificate_is_refused()
    {
        var body = new { certificate = "bm90IGEgY2VydA==", digestAlgorithm = "SHA-256", digests = new[] { Convert.ToBase64String(new byte[32]) }, pin = "123456" };

        using var response = await _client.SendAsync(HttpTestClient.Sign(body));

        (await response.Error()).Code.ShouldBe("AGENT_BAD_REQUEST");
    }
}
