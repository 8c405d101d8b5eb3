using System.Text.Json;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// The readiness page's script in Chromium under the app's CSP. The agent's loopback API is answered by Playwright
/// routes with the bridge protocol's documented shapes (the bridge itself is tested in Mys.Signing.Bridge.Tests);
/// the server check behind it is the real one.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReadinessPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Agent = "http://127.0.0.1:17357";
    private static readonly DemoAccount Officer = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer);

    [Fact]
    public async Task Without_the_agent_the_first_line_is_red_with_the_install_step_and_help_link()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync(Agent + "/**", route => route.AbortAsync("connectionrefused"));

        await LoginAndOpenAsync(page);

        var line = page.Locator("li[data-line=agent].bad");
        await line.WaitForAsync();
        (await line.InnerTextAsync()).ShouldContain("İmza Ajanı'nı başlatın");
        (await line.Locator("a").GetAttributeAsync("href")).ShouldBe("/Yardim/hatalar#AGENT_UNREACHABLE");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "readiness-no-agent.png"), FullPage = true });
    }

    [Fact]
    public async Task With_the_agent_the_chosen_certificate_is_checked_by_the_server_line_by_line()
    {
        // A certificate with the officer's TCKN from a PKI the app does not trust: every line but the chain (and revocation) is green.
        var pki = DevPkiFactory.Create(new DevPkiOptions { Persons = { new DevPkiPerson("officer", Officer.FullName, Officer.Tckn) } }, TimeProvider.System);
        var certificate = pki["officer"].Certificate;
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync(Agent + "/v1/status", route => FulfilAsync(route, new
        {
            agent = "Mys.Signing.Bridge", version = "0.1.0", abi = "unix-64",
            module = new { loaded = true, path = "/usr/lib/softhsm/libsofthsm2.so", searched = Array.Empty<string>() },
            tokens = new[] { new { label = "MYS-MAIN", serialNumber = "3a1f", pinLocked = false, pinFinalTry = false, pinCountLow = false, pinPad = false } },
        }));
        await page.RouteAsync(Agent + "/v1/certificates", route => FulfilAsync(route, new
        {
            certificates = new[]
            {
                new
                {
                    certificate = Convert.ToBase64String(certificate.GetEncoded()), subject = certificate.SubjectDN.ToString(), tckn = Officer.Tckn,
                    issuer = certificate.IssuerDN.ToString(), notBefore = certificate.NotBefore.ToString("O"), notAfter = certificate.NotAfter.ToString("O"),
                    keyType = "RSA", keySize = 2048,
                },
            },
        }));

        await LoginAndOpenAsync(page);

        await page.Locator("li[data-line=verdict]").WaitForAsync();
        (await page.Locator("li[data-line=agent]").GetAttributeAsync("class")).ShouldBe("ok");
        (await page.Locator("li[data-line=card]").GetAttributeAsync("class")).ShouldBe("ok");
        (await page.Locator("li[data-line=chain]").GetAttributeAsync("class")).ShouldBe("bad");
        (await page.Locator("li[data-line=tckn]").GetAttributeAsync("class")).ShouldBe("ok");
        (await page.Locator("li[data-line=qualified]").GetAttributeAsync("class")).ShouldBe("ok");
        (await page.Locator("li[data-line=verdict]").InnerTextAsync()).ShouldContain("Kırmızı satırlardaki");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "readiness-checked.png"), FullPage = true });
    }

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });

    private static async Task LoginAndOpenAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", Officer.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.GetByText($"Hoş geldiniz, {Officer.FullName}").WaitForAsync();
        await page.GotoAsync("/Certificates/Readiness");
    }

    private static Task FulfilAsync(IRoute route, object body) => route.FulfillAsync(new RouteFulfillOptions
    {
        Status = 200,
        ContentType = "application/json",
        Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
        Body = JsonSerializer.Serialize(body),
    });
}
