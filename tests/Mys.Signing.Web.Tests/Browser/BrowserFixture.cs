using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>The app on a real Kestrel port and Debian's Chromium driven by Playwright (no browser download).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private MysAppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Screenshots land here (git-ignored), kept as test artifacts.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("MYS_TEST_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(TestDatabase.RepositoryRoot(), ".local", "test-artifacts")).FullName;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new MysAppFactory(_database);
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Directory.CreateDirectory(ArtifactsDirectory);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
