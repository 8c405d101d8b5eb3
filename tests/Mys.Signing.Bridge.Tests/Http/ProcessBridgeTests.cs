using System.Net;
using System.Net.Http.Json;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Tests.Card;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.TestSupport.Agent;

namespace Mys.Signing.Bridge.Tests.Http;

/// <summary>
/// The real bridge executable as a child process (Kestrel, real TCP on 127.0.0.1) on the fixture's SoftHSM
/// tokens, with SOFTHSM2_CONF given to the child's environment. Also checks that nothing it prints contains the PIN.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class ProcessBridgeTests(SoftHsmFixture hsm) : IAsyncLifetime
{
    private const string DistinctWrongPin = "975312468";
    private AgentProcess? _bridge;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        _bridge = await AgentProcess.StartAsync(SoftHsmFixture.SoftHsm, SoftHsmFixture.AllowedOrigin, port: null, "--Logging:LogLevel:Default", "Debug");
        _client = new HttpClient { BaseAddress = _bridge.Address };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }
    }

    [Fact]
    public void Listens_on_loopback_only()
    {
        Log().ShouldContain("Now listening on: http://127.0.0.1:");
        Log().ShouldNotContain("0.0.0.0");
        Log().ShouldNotContain("[::]");
    }

    [Fact]
    public async Task Signs_over_real_http_and_never_prints_the_pin()
    {
        var digest = CardSignerTests.Hash(DigestAlgorithm.Sha256, "ÖEB süreç dışı");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/sign");
        preflight.Headers.Add("Origin", SoftHsmFixture.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var preflightResponse = await _client!.SendAsync(preflight);
        using var wrong = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Rsa, "SHA-256", [digest], DistinctWrongPin)));
        using var signed = await _client.SendAsync(HttpTestClient.Sign(HttpTestClient.SignBody(hsm.Rsa, "SHA-256", [digest])));
        var body = await signed.Content.ReadFromJsonAsync<SignResponse>();

        preflightResponse.Headers.GetValues("Access-Control-Allow-Private-Network").ShouldBe(["true"]);
        (await wrong.Error()).Code.ShouldBe("AGENT_PIN_INCORRECT");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        signed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([SoftHsmFixture.AllowedOrigin]);
        body!.Signatures.Count.ShouldBe(1);
        await Task.Delay(200); // let the log lines arrive
        Log().ShouldNotContain(DistinctWrongPin);
        Log().ShouldNotContain(SoftHsmFixture.UserPin);
        Log().ShouldContain("Signed 1 digest(s)");
    }

    private string Log() => _bridge!.Log;
}
