using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// <see cref="SigningFixture"/> plus tokens holding the dev PKI's expired, revoked and other person's certificates, and
/// one ÖEB per agent call, so that a batch of three makes three card operations.
/// </summary>
public sealed class CardFailureFixture : SigningFixture
{
    public static readonly string[] BadCertificates = ["expired", "revoked", "different-tckn"];

    protected override IEnumerable<string> ExtraTokens => BadCertificates;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Mys:Bridge:DigestsPerRequest"] = "1" };
}

/// <summary>
/// What a signer sees when the card or the certificate is the problem, through Chromium, the real agent and SoftHSM2:
/// the card pulled in the middle of a batch, and certificates that are expired, revoked or someone else's. The page
/// shows the Turkish message and the next step; nothing more is signed and what was signed stays signed.
/// And the e-signature login ("E-İmza ile Giriş") with the signer's own card and with refused ones; and the agent's own
/// loopback page for the verification code, with its same-origin/token rule against other local pages.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class CardFailureBrowserTests(CardFailureFixture fixture) : IClassFixture<CardFailureFixture>
{
    private static readonly Guid Unit = DemoData.SpendingUnitId;
    private static readonly DemoAccount Officer = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer);

    [Fact]
    public async Task Pulling_the_card_mid_batch_keeps_the_first_signature_and_says_to_reinsert_the_card()
    {
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await seeder.SeedAwaitingRealizationAsync(1000m + i)).Id);
        }

        var (context, page, errors) = await fixture.LoginAsync(Role.RealizationOfficer);
        try
        {
            await using (context)
            {
                var signCalls = 0;
                await page.RouteAsync(fixture.BridgeAddress.ToString().TrimEnd('/') + "/v1/sign", async route =>
                {
                    if (route.Request.Method == "POST" && Interlocked.Increment(ref signCalls) == 2)
                    {
                        fixture.RemoveToken(nameof(Role.RealizationOfficer)); // the card leaves the reader between two card operations
                    }

                    await route.ContinueAsync();
                });
                await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?" + string.Join('&', ids.Select(id => "id=" + id)));
                await WaitForStateAsync(page, "ready");
                await page.ClickAsync("#sign");
                await page.FillAsync("#pin", SigningFixture.Pin);
                await page.ClickAsync("#pin-ok");
                await WaitForStateAsync(page, "failed");
                await SigningFixture.ScreenshotAsync(page, "signing-card-removed.png");

                (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe("AGENT_TOKEN_ABSENT");
                var message = await page.Locator("#message").InnerTextAsync();
                message.ShouldContain("Takılı bir akıllı kart bulunamadı.");
                message.ShouldContain("Kartı okuyucuya takın");
                message.ShouldContain("Ne yapmalı:");
                message.ShouldContain("İmzalananlar (1)");
                message.ShouldContain("İmzalanmayan belgeler eski hâlinde bekler.");
                (await page.Locator("#retry").IsVisibleAsync()).ShouldBeTrue();
                var outcomes = new List<string?>();
                foreach (var id in ids)
                {
                    outcomes.Add(await page.Locator($"tr[data-id='{id}']").GetAttributeAsync("data-outcome"));
                }

                outcomes.Count(o => o == "signed").ShouldBe(1);
                outcomes.Count(o => o == "not-signed").ShouldBe(2);
                for (var i = 0; i < ids.Count; i++)
                {
                    (await StatusAsync(ids[i])).ShouldBe(outcomes[i] == "signed"
                        ? PaymentOrderStatus.AwaitingSpendingAuthoritySignature
                        : PaymentOrderStatus.AwaitingRealizationSignature);
                }

                errors.ShouldBeEmpty();
            }
        }
        finally
        {
            await fixture.RestoreTokensAsync();
        }
    }

    [Theory]
    [InlineData("expired", "CERT_EXPIRED", "geçerlilik süresi")]
    [InlineData("revoked", "CERT_REVOKED", "iptal edilmiş")]
    [InlineData("different-tckn", "CERT_TCKN_MISMATCH", "başka bir kişiye ait")]
    public async Task A_refused_certificate_is_explained_in_turkish_and_nothing_is_signed(string person, string expectedCode, string expectedText)
    {
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var id = (await seeder.SeedAwaitingRealizationAsync()).Id;
        var (context, page, errors) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={id}");
            await WaitForStateAsync(page, "ready");
            var row = page.Locator("#certificate-rows tr", new PageLocatorOptions { HasTextString = fixture.Pki[person].Tckn! });
            await row.Locator("input[type=radio]").CheckAsync();
            await page.ClickAsync("#sign");
            await page.FillAsync("#pin", SigningFixture.Pin);
            await page.ClickAsync("#pin-ok");
            await WaitForStateAsync(page, "failed");
            await SigningFixture.ScreenshotAsync(page, $"signing-certificate-{person}.png");

            (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe(expectedCode);
            var message = await page.Locator("#message").InnerTextAsync();
            message.ShouldContain(expectedText);
            message.ShouldContain("Ne yapmalı:");
            (await page.Locator("#message a").GetAttributeAsync("href")).ShouldBe("/Yardim/hatalar#" + expectedCode);
            (await page.Locator($"tr[data-id='{id}']").GetAttributeAsync("data-outcome")).ShouldBe("not-signed");
            errors.ShouldBeEmpty();
        }

        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
    }

    [Fact]
    public async Task E_signature_login_with_the_own_card_signs_the_user_in()
    {
        var (context, page) = await LoginPageAsync();
        await using (context)
        {
            await ChooseCardCertificateAsync(page, Officer.Tckn);
            await SigningFixture.ScreenshotAsync(page, "card-login-certificates.png");
            await page.ClickAsync("#card-login-submit");
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new PageAssertionsToHaveURLOptions { Timeout = 90_000 });

            (await page.Locator("header").InnerTextAsync()).ShouldContain(Officer.FullName);
            await SigningFixture.ScreenshotAsync(page, "card-login-done.png");
        }

        (await fixture.App.Database.ScalarAsync<long>("SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'LoggedInWithCard'")).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("revoked", "Sertifikanız iptal edilmiş")]
    [InlineData("different-tckn", "Sertifikadaki T.C. kimlik numarasıyla kayıtlı bir kullanıcı yok")]
    public async Task E_signature_login_with_a_refused_certificate_says_why_and_stays_logged_out(string person, string expectedText)
    {
        var (context, page) = await LoginPageAsync();
        await using (context)
        {
            await ChooseCardCertificateAsync(page, fixture.Pki[person].Tckn!);
            await page.ClickAsync("#card-login-submit");
            var message = page.Locator("#card-login-message");
            await message.GetByText(expectedText, new LocatorGetByTextOptions { Exact = false }).WaitForAsync();
            (await message.IsVisibleAsync()).ShouldBeTrue();
            (await page.InputValueAsync("#card-login-pin")).ShouldBeEmpty("the PIN is cleared after an attempt");
            page.Url.ShouldContain("/Account/Login");
            await SigningFixture.ScreenshotAsync(page, $"card-login-refused-{person}.png");
        }
    }

    [Fact]
    public async Task The_agents_own_page_signs_with_a_verification_code_and_the_pin_stays_on_loopback()
    {
        var (id, number) = await new SignedPaymentOrderSeeder(fixture.App).SeedAwaitingRealizationAsync();
        var (context, page, _) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            await page.RouteAsync(fixture.BridgeAddress.ToString().TrimEnd('/') + "/**", route => route.AbortAsync("connectionrefused"));
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={id}");
            await WaitForStateAsync(page, "agent-missing");
            await page.ClickAsync("#signing-code-start");
            var shown = page.Locator("#signing-code .signing-code");
            await shown.WaitForAsync();
            var code = await shown.InnerTextAsync();
            (await page.Locator("#signing-code-copy").IsVisibleAsync()).ShouldBeTrue("the code can be copied");
            (await page.Locator("#signing-code").InnerTextAsync()).ShouldNotContain("komut");
            (await shown.EvaluateAsync<string>("e => getComputedStyle(e).fontSize")).ShouldBe("32px");
            await page.Locator("#signing-code").GetByText("Kalan süre:").WaitForAsync();
            var agentPageLink = (await page.Locator("#agent-code-page").GetAttributeAsync("href")).ShouldNotBeNull();
            agentPageLink.ShouldBe(fixture.BridgeAddress.ToString());

            var agentPage = await context.NewPageAsync();
            var agentErrors = new List<string>();
            agentPage.Console += (_, message) => { if (message.Type == "error") { agentErrors.Add(message.Text); } };
            var requests = new List<string>();
            agentPage.Request += (_, request) => requests.Add(request.Url);
            var response = await agentPage.GotoAsync(agentPageLink);
            response.ShouldNotBeNull();
            (await response.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldContain("default-src 'none'");
            (await response.HeaderValueAsync("access-control-allow-origin")).ShouldBeNull();
            await agentPage.Locator("body[data-state='ready']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            (await agentPage.InputValueAsync("#server")).ShouldBe(fixture.BaseAddress.ToString().TrimEnd('/'));
            await agentPage.FillAsync("#code", code);
            var certificate = await agentPage.Locator("#certificate option", new PageLocatorOptions { HasTextString = Officer.Tckn }).First.GetAttributeAsync("value");
            await agentPage.SelectOptionAsync("#certificate", certificate!);
            await SigningFixture.ScreenshotAsync(agentPage, "agent-code-page.png");
            await agentPage.ClickAsync("#fetch");
            await agentPage.Locator("#job").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            (await agentPage.Locator("#job-items").InnerTextAsync()).ShouldContain(number);
            (await agentPage.Locator("#job-origin").InnerTextAsync()).ShouldContain(fixture.BaseAddress.ToString().TrimEnd('/'));
            await agentPage.FillAsync("#pin", SigningFixture.Pin);
            await SigningFixture.ScreenshotAsync(agentPage, "agent-code-page-job.png");
            await agentPage.ClickAsync("#sign");
            await agentPage.Locator("#done").GetByText("1 belge imzalandı").WaitForAsync();
            await SigningFixture.ScreenshotAsync(agentPage, "agent-code-page-done.png");

            // The MYS page follows the job and ends with what was signed, not with "nothing waits for you".
            var result = page.Locator("#signing-code-result[data-status='completed']");
            await result.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            var shownResult = await result.InnerTextAsync();
            shownResult.ShouldContain("İmzalama tamamlandı: 1 ÖEB imzanızla imzalandı.");
            shownResult.ShouldContain(number + " — imzalandı");
            (await result.GetAttributeAsync("class")).ShouldNotBeNull().ShouldContain("success");
            (await page.Locator($"#summary tr[data-id='{id}'] [data-result]").InnerTextAsync()).ShouldBe("İmzalandı");
            (await page.ContentAsync()).ShouldNotContain("hiçbiri şu anda sizin imzanızı beklemiyor");
            await SigningFixture.ScreenshotAsync(page, "signing-code-fallback-success.png");

            requests.ShouldAllBe(url => url.StartsWith(fixture.BridgeAddress.ToString(), StringComparison.Ordinal), "the page loads nothing from elsewhere and posts the PIN only to the agent");
            agentErrors.ShouldBeEmpty();
            (await agentPage.InputValueAsync("#pin")).ShouldBeEmpty();
        }

        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
        fixture.BridgeLog.ShouldNotContain(SigningFixture.Pin);
    }

    [Fact]
    public async Task The_agents_code_endpoints_refuse_other_origins_missing_tokens_and_preflights()
    {
        using var http = new HttpClient { BaseAddress = fixture.BridgeAddress };
        var html = await http.GetStringAsync("/");
        var token = AgentToken().Match(html).Groups[1].Value;
        token.Length.ShouldBeGreaterThan(40);
        var own = fixture.BridgeAddress.ToString().TrimEnd('/');
        var mys = fixture.BaseAddress.ToString().TrimEnd('/');

        (await SetupAsync(http, own, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var (origin, presented, site) in new[] { (mys, token, (string?)null), ("http://127.0.0.1:1", token, null), (own, null, null), (own, "wrong", null), (null, token, null), (own, token, "cross-site") })
        {
            using var refused = await SetupAsync(http, origin, presented, site);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"origin {origin}, token {presented}, site {site}");
            refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/code/job");
        preflight.Headers.Add("Origin", mys);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Private-Network", "true");
        using var answer = await http.SendAsync(preflight);
        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        answer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        answer.Headers.Contains("Access-Control-Allow-Private-Network").ShouldBeFalse();

        // The allowed MYS page itself (not the agent's page) cannot call the code endpoints either: the browser blocks the read.
        var (context, page, _) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            var outcome = await page.EvaluateAsync<string>(
                "async ([url, token]) => { try { await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Agent-Token': token }, body: '{}' }); return 'read'; } catch (e) { return 'blocked'; } }",
                new[] { own + "/code/setup", token });
            outcome.ShouldBe("blocked");
        }
    }

    private static async Task<HttpResponseMessage> SetupAsync(HttpClient http, string? origin, string? token, string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/code/setup") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Agent-Token", token);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await http.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"agent-token\" content=\"([A-Za-z0-9_-]+)\">")]
    private static partial Regex AgentToken();

    private async Task<(IBrowserContext Context, IPage Page)> LoginPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        return (context, page);
    }

    private static async Task ChooseCardCertificateAsync(IPage page, string tckn)
    {
        await page.ClickAsync("#card-login-start");
        await page.Locator("#card-login-form").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var value = await page.Locator("#card-login-cert option", new PageLocatorOptions { HasTextString = "SERIALNUMBER=" + tckn }).First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#card-login-cert", value!);
        await page.FillAsync("#card-login-pin", SigningFixture.Pin);
    }

    private async Task<PaymentOrderStatus> StatusAsync(Guid orderId) =>
        (PaymentOrderStatus)await fixture.App.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{orderId}'");

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.Locator($"#signing[data-state='{state}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000, State = WaitForSelectorState.Attached });
}
