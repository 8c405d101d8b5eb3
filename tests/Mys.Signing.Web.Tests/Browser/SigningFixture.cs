using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.DevPki.Tokens;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Agent;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// Everything a real signature through the browser needs: the app on a fixed loopback port with the dev PKI
/// (its OCSP/CRL/TSA served by the app itself), one SoftHSM2 token per demo signer holding that signer's dev PKI key
/// and certificate (the spending authority's is EC P-256, the realization officer's RSA-2048), the real agent as a
/// child process on its own port allowing exactly the app's origin, and Debian's Chromium.
/// </summary>
public partial class SigningFixture : IAsyncLifetime
{
    public const string Pin = "246810";
    private const string SoPin = "13579246";
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-signing-e2e-").FullName;
    private TestDatabase? _database;
    private AgentProcess? _bridge;
    private IPlaywright? _playwright;
    private SoftHsmEnvironment _softHsm = null!;

    public MysAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri BridgeAddress { get; private set; } = null!;

    public DevPkiHierarchy Pki { get; private set; } = null!;

    public string NssDirectory => Path.Combine(_folder, "nss");

    public string BridgeLog => _bridge?.Log ?? string.Empty;

    public async Task InitializeAsync()
    {
        var appPort = DevPkiHost.FreeLoopbackPort();
        var bridgePort = DevPkiHost.FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{appPort}");
        BridgeAddress = new Uri($"http://127.0.0.1:{bridgePort}");
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, new Dictionary<string, string>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = Path.Combine(_folder, "devpki"),
            ["Mys:DevPki:BaseUrl"] = $"{BaseAddress.ToString().TrimEnd('/')}/devpki",
            ["Mys:Bridge:Url"] = BridgeAddress.ToString().TrimEnd('/'),
        }.Concat(ExtraSettings).ToDictionary());
        App.UseKestrel(appPort);
        App.StartServer();
        Pki = App.Services.GetRequiredService<DevPkiHierarchy>();

        _softHsm = SoftHsmEnvironment.In(_folder);
        await ProvisionTokensAsync();
        CreateNssDatabase();
        await StartBridgeAsync(bridgePort);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context logged in as the demo account of <paramref name="role"/>; script and CSP errors are collected.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> LoginAsync(Role role)
    {
        var account = DemoData.Accounts.Single(a => a.Role == role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "tr-TR" });
        // Several browser test classes and the app share two cores in CI; give navigations more than Playwright's 30 s.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", account.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        try
        {
            // Polls the page's URL: WaitForURL (waiting for a navigation event) twice missed the redirect under CI load
            // although the home page was already shown (the login had worked).
            await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPath(), new PageAssertionsToHaveURLOptions { Timeout = 90_000 });
        }
        catch (PlaywrightException)
        {
            await ScreenshotAsync(page, $"login-failed-{role}.png");
            throw new InvalidOperationException($"Login as {role} did not leave the login page ({page.Url}): {await page.InnerTextAsync("main")}");
        }

        return (context, page, errors);
    }

    [System.Text.RegularExpressions.GeneratedRegex("/Account/Login")]
    private static partial System.Text.RegularExpressions.Regex LoginPath();

    /// <summary>Tokens besides the two demo signers' (dev PKI person ids, e.g. "expired"); each gets its own token.</summary>
    protected virtual IEnumerable<string> ExtraTokens => [];

    /// <summary>App settings on top of the fixture's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    /// <summary>Takes a token out of SoftHSM2's store while the agent runs (the card is pulled).</summary>
    public void RemoveToken(string label)
    {
        var (exitCode, output) = ExternalTools.RunWithEnvironment(_softHsm.Variables, "softhsm2-util", "--delete-token", "--token", label);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("softhsm2-util --delete-token failed: " + output);
        }
    }

    /// <summary>Provisions removed tokens again and restarts the agent, so it sees them (the card is plugged back in).</summary>
    public async Task RestoreTokensAsync()
    {
        await ProvisionTokensAsync();
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        await StartBridgeAsync(BridgeAddress.Port);
    }

    private async Task ProvisionTokensAsync()
    {
        var signers = DemoData.Accounts.Where(a => a.Role is Role.RealizationOfficer or Role.SpendingAuthority).Select(a => a.Role.ToString());
        await new SoftHsmProvisioner(_softHsm.ConfigPath).ProvisionAsync(Pki, signers.Concat(ExtraTokens), Pin, SoPin);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void CreateNssDatabase()
    {
        var rootPem = Path.Combine(_folder, "root.pem");
        File.WriteAllText(rootPem, Pem(Pki.Root.Certificate.GetEncoded()));
        ExternalTools.CreateNssDatabase(NssDirectory, rootPem);
    }

    private async Task StartBridgeAsync(int port) =>
        _bridge = await AgentProcess.StartAsync(_softHsm, BaseAddress.ToString().TrimEnd('/'), port);

    private static string Pem(byte[] der) => System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", der) + "\n";
}
