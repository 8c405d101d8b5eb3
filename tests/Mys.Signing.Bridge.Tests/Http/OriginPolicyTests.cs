using System.Net;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Tests.Card;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Http;

[Collection(SoftHsmCollection.Name)]
public sealed class OriginPolicyTests(SoftHsmFixture hsm)
{
    private readonly HttpClient _client = hsm.Http.CreateClient();

    [Fact]
    public async Task Allowed_origin_gets_cors_headers()
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/status"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([SoftHsmFixture.AllowedOrigin]);
        response.Headers.Vary.ShouldContain("Origin");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://mys.example.gov.tr.evil.example")]
    [InlineData("http://mys.example.gov.tr")]
    [InlineData("https://MYS.example.gov.tr")]
    [InlineData("null")]
    public async Task Other_origins_are_refused_without_cors_headers(string origin)
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/certificates", origin));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        (await response.Error()).Code.ShouldBe("AGENT_ORIGIN_REFUSED");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Bu sayfanın imza aracını");
    }

    [Fact]
    public async Task Preflight_with_private_network_access_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/sign");
        request.Headers.Add("Origin", SoftHsmFixture.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([SoftHsmFixture.AllowedOrigin]);
        response.Headers.GetValues("Access-Control-Allow-Private-Network").ShouldBe(["true"]);
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("Content-Type");
    }

    [Fact]
    public async Task Preflight_from_another_origin_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/sign");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Private-Network").ShouldBeFalse();
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Signing_without_origin_is_refused()
    {
        var body = HttpTestClient.SignBody(hsm.Rsa, "SHA-256", [CardSignerTests.Hash(DigestAlgorithm.Sha256, "x")]);

        using var response = await _client.SendAsync(HttpTestClient.Sign(body, origin: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Error()).Code.ShouldBe("AGENT_ORIGIN_REFUSED");
    }

    [Fact]
    public async Task Status_without_origin_is_allowed_for_local_diagnostics()
    {
        using var response = await _client.SendAsync(HttpTestClient.Get("/v1/status", origin: null));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Non_loopback_host_header_is_refused()
    {
        using var request = HttpTestClient.Get("/v1/status");
        request.Headers.Host = "mys.example.gov.tr";

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
