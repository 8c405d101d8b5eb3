using Microsoft.AspNetCore.Builder;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.TestSupport.Pki;

/// <summary>
/// One dev PKI per test run, its services on a loopback Kestrel port, and an NSS database trusting its root. Each test
/// assembly shares it through its own collection (xunit finds collection definitions only in the test assembly).
/// </summary>
public sealed class PkiFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("mys-sig-tests-").FullName;

    public DevPkiHierarchy Pki { get; private set; } = null!;

    public string NssDir => Path.Combine(Folder, "nssdb");

    public string RootPem => Path.Combine(Folder, "root-ca.crt.pem");

    public HttpClient Http { get; } = new();

    public ITimeStampClient Tsa { get; private set; } = null!;

    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var port = DevPkiHost.FreeLoopbackPort();
        var options = new DevPkiOptions { BaseUrl = $"http://127.0.0.1:{port}/devpki" };
        Pki = DevPkiStore.LoadOrCreate(Folder, options, TimeProvider.System);
        _app = await DevPkiHost.StartAsync(Pki);
        ExternalTools.CreateNssDatabase(NssDir, RootPem);
        var tsaOptions = new TimeStampClientOptions { Url = new Uri(Pki.TsaUrl) };
        tsaOptions.Headers["X-Dev-Credential"] = "dev";
        Tsa = new HttpTimeStampClient(Http, tsaOptions);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Http.Dispose();
        Directory.Delete(Folder, true);
    }

    public string TempFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
