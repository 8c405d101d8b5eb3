using Microsoft.AspNetCore.Builder;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Signatures.Tests.Infrastructure;

/// <summary>One dev PKI per test run, its services on a loopback Kestrel port, and an NSS database trusting its root.</summary>
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
        Directory.CreateDirectory(NssDir);
        Tools.Run("certutil", "-N", "-d", "sql:" + NssDir, "--empty-password").ExitCode.ShouldBe(0);
        Tools.Run("certutil", "-A", "-d", "sql:" + NssDir, "-n", "mys-dev-root", "-t", "CT,C,C", "-i", RootPem).ExitCode.ShouldBe(0);
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

    public string TempFile(string name, byte[] bytes) => Tools.WriteTemp(Folder, Guid.NewGuid().ToString("N") + "-" + name, bytes);
}

[CollectionDefinition(Name)]
public sealed class PkiCollection : ICollectionFixture<PkiFixture>
{
    public const string Name = "dev-pki";
}
