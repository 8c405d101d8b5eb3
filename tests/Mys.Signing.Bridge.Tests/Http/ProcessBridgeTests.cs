using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Http;
using Mys.Signing.Bridge.Tests.Card;
using Mys.Signing.Bridge.Tests.SoftHsm;
using Mys.Signing.Bridge.Contracts;

namespace Mys.Signing.Bridge.Tests.Http;

/// <summary>
/// The real bridge executable as a child process (Kestrel, real TCP on 127.0.0.1) on the fixture's SoftHSM
/// tokens, with SOFTHSM2_CONF given to the child's environment. Also checks that nothing it prints contains the PIN.
/// </summary>
[Collection(SoftHsmCollection.Name)]
public sealed class ProcessBridgeTests(SoftHsmFixture hsm) : IAsyncLifetime
{
    private const string DistinctWrongPin = "975312468";
    private readonly StringBuilder _log = new();
    private Process? _bridge;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Mys.Signing.Bridge.dll"),
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--module", SoftHsmFixture.ModulePath,
            "--Bridge:AllowedOrigins:0", SoftHsmFixture.AllowedOrigin,
            "--Logging:LogLevel:Default", "Debug",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = NativeEnvironment.ConfigPath;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bridge = new Process { StartInfo = start };
        _bridge.OutputDataReceived += (_, e) => Collect(e.Data, listening);
        _bridge.ErrorDataReceived += (_, e) => Collect(e.Data, listening);
        _bridge.Start();
        _bridge.BeginOutputReadLine();
        _bridge.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_bridge is { HasExited: false })
        {
            _bridge.Kill();
            _bridge.WaitForExit(10_000);
        }

        _bridge?.Dispose();
        return Task.CompletedTask;
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

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private void Collect(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
