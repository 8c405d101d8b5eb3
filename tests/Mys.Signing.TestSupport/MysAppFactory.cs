using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Mys.Signing.TestSupport;

/// <summary>The real web app on its own fresh database, migrated and seeded with the demo organisation at start.</summary>
public sealed partial class MysAppFactory(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Test.Parola.2026";

    /// <summary>The PBKDF2 iterations of the app under test (see <see cref="ConfigureWebHost"/>).</summary>
    public const int TestPasswordIterations = 1_000;

    public TestDatabase Database { get; } = database;

    /// <summary>Service overrides applied after the app's own registrations (e.g. a FakeTimeProvider as TimeProvider).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Mys", Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:MysMigrations", Database.ConnectionString);
        builder.UseSetting("Mys:Database:MigrateOnStartup", "true");
        builder.UseSetting("Mys:Database:AppRole", string.Empty);
        builder.UseSetting("Mys:Demo:Seed", "true");
        builder.UseSetting("Mys:Demo:Password", DemoPassword);
        builder.UseSetting("Mys:RequireHttps", "false");
        builder.UseSetting("Mys:DataProtection:DevelopmentCertificateFolder", Database.KeyRingCertificateFolder);
        // The scheduler runs in tests; OCR (CPU heavy) only where a test asks for it (InvoiceOcrTests run the job themselves).
        builder.UseSetting("Mys:Ocr:Enabled", "false");
        // Export packages likewise: tests that need them run the audit-export-packages job themselves.
        builder.UseSetting("Mys:Export:Packages:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        // Identity's default PBKDF2 work factor (100,000 iterations) costs each test login and each seeded account about
        // 0.1 s of CPU on a quiet machine, and several seconds on the shared one; the tests check who may log in, not the
        // work factor, so the app under test hashes (and the seeded template stores) passwords with fewer iterations.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>A client with its own cookie jar, not following redirects, logged in as the given TCKN.</summary>
    public async Task<HttpClient> LoginAsync(string tckn, string password = DemoPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = tckn,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {tckn} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    /// <summary>Posts a form with a fresh antiforgery token taken from <paramref name="tokenPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IDictionary<string, string> fields, string tokenPage = "/Account/Profile")
    {
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, tokenPage) };
        using var form = new FormUrlEncodedContent(values);
        return await client.PostAsync(url, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
