using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Operations;

public sealed class OperationsTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_without_login()
    {
        var client = fixture.App.Anonymous();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_a_correlation_id()
    {
        var response = await fixture.App.Anonymous().GetAsync("/Account/Login");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
        response.Headers.GetValues("X-Correlation-Id").Single().Length.ShouldBe(32);
    }

    [Fact]
    public async Task A_well_formed_incoming_correlation_id_is_kept_and_a_malformed_one_replaced()
    {
        var client = fixture.App.Anonymous();
        using var good = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        good.Headers.Add("X-Correlation-Id", "abc-123");
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        bad.Headers.Add("X-Correlation-Id", "<script>");

        (await client.SendAsync(good)).Headers.GetValues("X-Correlation-Id").Single().ShouldBe("abc-123");
        (await client.SendAsync(bad)).Headers.GetValues("X-Correlation-Id").Single().ShouldNotContain("<");
    }

    [Fact]
    public async Task Login_page_lists_one_demo_account_per_role()
    {
        var html = await fixture.App.Anonymous().GetStringAsync("/Account/Login");

        foreach (var role in RoleFacts.All)
        {
            html.ShouldContain(role.TurkishName());
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_turkish_and_five_failures_block_the_account_from_that_address_with_the_same_answer()
    {
        var tckn = DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;
        var client = fixture.App.Anonymous();
        string html = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            var response = await MysAppFactory.PostFormAsync(client, "/Account/Login", new Dictionary<string, string>
            {
                ["Tckn"] = tckn, ["Password"] = "yanlis-parola",
            }, "/Account/Login");
            html = await response.Content.ReadAsStringAsync();
            if (i == 0)
            {
                html.ShouldContain("parola hatalı");
            }
        }

        // No separate "locked" message (it would tell who has an account); the right password from this address is refused too.
        html.ShouldContain("parola hatalı");
        html.ShouldNotContain("kilitlendi");
        await Should.ThrowAsync<InvalidOperationException>(() => fixture.App.LoginAsync(tckn));
    }

    [Fact]
    public async Task A_second_app_instance_on_the_same_database_accepts_the_first_ones_login_cookie()
    {
        // Data Protection keys live in PostgreSQL (encrypted with a certificate per test database), so any instance can read any instance's cookies.
        await using var second = new MysAppFactory(fixture.Database);
        var secondClient = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await LoginCookieAsync(fixture.App);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Units");
        request.Headers.Add("Cookie", login);
        var response = await secondClient.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Kullanıcılar ve Roller");
    }

    [Fact]
    public async Task Api_callers_get_problem_details_and_page_visitors_a_turkish_page()
    {
        var client = fixture.App.Anonymous();

        var api = await client.GetAsync("/api/does-not-exist");
        var page = await client.GetAsync("/Status/404");

        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await api.Content.ReadAsStringAsync()).ShouldContain("\"status\":");
        (await page.Content.ReadAsStringAsync()).ShouldContain("Sayfa bulunamadı");
    }

    [Fact]
    public void Docker_compose_file_is_valid()
    {
        var root = TestDatabase.RepositoryRoot();
        var (file, args) = File.Exists("/usr/libexec/docker/cli-plugins/docker-compose") || File.Exists("/usr/lib/docker/cli-plugins/docker-compose")
            ? ("docker", "compose -f docker-compose.yml config -q")
            : ("docker-compose", "-f docker-compose.yml config -q");
        var result = ExternalTools.Run(new ToolCommand(file, args.Split(' '))
        {
            WorkingDirectory = root,
            Environment = new Dictionary<string, string> { ["MYS_DB_PASSWORD"] = "test-only", ["MYS_DP_CERTIFICATE_PASSWORD"] = "test-only" },
        });

        result.ExitCode.ShouldBe(0, result.StandardError);
    }

    private static async Task<string> LoginCookieAsync(MysAppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/Account/Login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("mys.af=", StringComparison.Ordinal)).Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Tckn"] = DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn,
                ["Password"] = MysAppFactory.DemoPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("mys.auth=", StringComparison.Ordinal)).Split(';')[0];
    }
}
