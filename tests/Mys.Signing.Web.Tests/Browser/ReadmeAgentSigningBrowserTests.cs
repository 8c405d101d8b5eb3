using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Readme;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// The app on a loopback port with its dev PKI in a scratch checkout's <c>.local/devpki</c>, and the agent started by
/// README.md's "sign in the browser with a software card" block, run by bash exactly as written in that checkout (its
/// <c>src</c> is this repository's). The only changes are the ones the README names: <c>Bridge__AllowedOrigins__0</c>
/// (the app is not on 5080 here) and <c>Bridge__Port</c> (a free port, not 17357), both from the environment.
/// </summary>
public sealed class ReadmeAgentFixture : IAsyncLifetime
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("mys-readme-browser-").FullName;
    private readonly StringBuilder _agentLog = new();
    private TestDatabase? _database;
    private Process? _agent;
    private IPlaywright? _playwright;

    public MysAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string AgentLog
    {
        get
        {
            lock (_agentLog)
            {
                return _agentLog.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var appPort = DevPkiHost.FreeLoopbackPort();
        var agentPort = DevPkiHost.FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{appPort}");
        var origin = BaseAddress.ToString().TrimEnd('/');
        Directory.CreateSymbolicLink(Path.Combine(_checkout, "src"), Path.Combine(TestDatabase.RepositoryRoot(), "src"));
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, new Dictionary<string, string>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = Path.Combine(_checkout, ".local", "devpki"), // where the README's softhsm command reads it
            ["Mys:DevPki:BaseUrl"] = origin + "/devpki",
            ["Mys:Bridge:Url"] = $"http://127.0.0.1:{agentPort}",
        });
        App.UseKestrel(appPort);
        App.StartServer();
        _ = App.Services.GetRequiredService<DevPkiHierarchy>(); // the PKI exists before the README's commands read it

        await StartReadmeAgentAsync(origin, agentPort);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new browser context (Turkish locale) on the start page of <paramref name="role"/>'s demo account.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(Role role)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "tr-TR" });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", DemoData.Accounts.Single(a => a.Role == role).Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.Locator("#work-waiting, main h1").First.WaitForAsync();
        return (context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_agent is not null)
        {
            if (!_agent.HasExited)
            {
                _agent.Kill(entireProcessTree: true);
                await _agent.WaitForExitAsync();
            }

            _agent.Dispose();
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
            Directory.Delete(_checkout, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartReadmeAgentAsync(string origin, int port)
    {
        var block = ReadmeCommands.Block("Mys.Signing.Bridge.dll", typeof(ReadmeAgentFixture).Assembly);
        var info = new ProcessStartInfo("bash") { WorkingDirectory = _checkout, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(block);
        info.Environment["Bridge__AllowedOrigins__0"] = origin;
        info.Environment["Bridge__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _agent = Process.Start(info)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            lock (_agentLog)
            {
                _agentLog.AppendLine(line);
            }

            if (line?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        _agent.OutputDataReceived += (_, e) => Collect(e.Data);
        _agent.ErrorDataReceived += (_, e) => Collect(e.Data);
        _agent.BeginOutputReadLine();
        _agent.BeginErrorReadLine();
        // Provisioning the tokens and starting the agent on a loaded two-core machine: minutes, not seconds.
        await Task.WhenAny(started.Task, _agent.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(5));
        if (!started.Task.IsCompleted)
        {
            throw new InvalidOperationException("The README's agent did not start:\n" + AgentLog);
        }
    }
}

/// <summary>
/// Signing in Chromium through the agent started exactly as README.md says (issue 19: the README's command once broke
/// browser signing), and what the sign page shows after a card signature: the state column follows the row's
/// "İmzalandı" ("…İmzası Bekleniyor" becomes the ÖEB's new state).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ReadmeAgentSigningBrowserTests(ReadmeAgentFixture fixture) : IClassFixture<ReadmeAgentFixture>
{
    /// <summary>The PIN README.md gives for the software card ("PIN `1234`", the DevPki softhsm command's default).</summary>
    private const string ReadmePin = "1234";

    private static readonly Guid Unit = DemoData.SpendingUnitId;

    [Fact]
    public async Task The_agent_started_as_the_readme_says_signs_an_order_in_the_browser()
    {
        var (id, number) = await new SignedPaymentOrderSeeder(fixture.App).SeedAwaitingRealizationAsync();
        var (context, page) = await fixture.SignInAsync(Role.RealizationOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/{id}");
            await page.ClickAsync("#sign-link");
            await WaitForStateAsync(page, "ready");
            (await page.Locator("#agent-status").InnerTextAsync()).ShouldContain("Mys.Signing.Bridge");
            await SignWithPinAsync(page);

            (await page.Locator($"tr[data-id='{id}']").GetAttributeAsync("data-outcome")).ShouldBe("signed", fixture.AgentLog);
            (await page.Locator($"tr[data-id='{id}'] [data-status]").InnerTextAsync()).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature.TurkishName());
            await SigningFixture.ScreenshotAsync(page, "readme-agent-signed.png");

            // The ÖEB's own page shows the new state.
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/{id}");
            (await page.Locator("main").InnerTextAsync()).ShouldContain(PaymentOrderStatus.AwaitingSpendingAuthoritySignature.TurkishName());
            (await page.Locator("main").InnerTextAsync()).ShouldContain(number);
            await SigningFixture.ScreenshotAsync(page, "readme-agent-order-after-signature.png");
        }

        (await StatusAsync(id)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
    }

    [Fact]
    public async Task After_a_card_signature_the_state_column_shows_each_orders_new_state()
    {
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var first = (await seeder.SeedAwaitingRealizationAsync(1001m)).Id;
        var second = (await seeder.SeedAwaitingRealizationAsync(1002m)).Id;
        var waiting = PaymentOrderStatus.AwaitingRealizationSignature.TurkishName();

        var (officer, page) = await fixture.SignInAsync(Role.RealizationOfficer);
        await using (officer)
        {
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={first}&id={second}");
            await WaitForStateAsync(page, "ready");
            (await StateCellAsync(page, first)).ShouldBe(waiting);
            (await StateCellAsync(page, second)).ShouldBe(waiting);
            await SignWithPinAsync(page);

            foreach (var id in new[] { first, second })
            {
                (await page.Locator($"tr[data-id='{id}'] [data-result]").InnerTextAsync()).ShouldBe("İmzalandı");
                (await StateCellAsync(page, id)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature.TurkishName());
            }

            await SigningFixture.ScreenshotAsync(page, "signing-state-column-after-realization.png");
        }

        // The last signature sends the ÖEB to accounting: the column says so.
        var (authority, authorityPage) = await fixture.SignInAsync(Role.SpendingAuthority);
        await using (authority)
        {
            await authorityPage.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={first}");
            await WaitForStateAsync(authorityPage, "ready");
            (await StateCellAsync(authorityPage, first)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature.TurkishName());
            await SignWithPinAsync(authorityPage);

            (await authorityPage.Locator($"tr[data-id='{first}'] [data-result]").InnerTextAsync()).ShouldBe("İmzalandı");
            (await StateCellAsync(authorityPage, first)).ShouldBe(PaymentOrderStatus.SentToAccounting.TurkishName());
            (await authorityPage.Locator("#summary").InnerTextAsync()).ShouldNotContain(PaymentOrderStatus.AwaitingSpendingAuthoritySignature.TurkishName());
            await SigningFixture.ScreenshotAsync(authorityPage, "signing-state-column-after-spending-authority.png");
        }

        (await StatusAsync(first)).ShouldBe(PaymentOrderStatus.SentToAccounting);
        (await StatusAsync(second)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
    }

    [Fact]
    public async Task The_system_administrators_start_page_counts_the_organisations_waiting_work()
    {
        var (context, page) = await fixture.SignInAsync(Role.SystemAdministrator);
        await using (context)
        {
            var work = page.Locator("#work-waiting");
            (await work.InnerTextAsync()).ShouldContain("Sistem Yöneticisi · Tüm kurum");
            (await work.Locator("li[data-kind='Units'] .work-count").InnerTextAsync()).ShouldNotBe("0");
            (await work.Locator("li[data-kind='CertificatesNeedingAttention']").CountAsync()).ShouldBeGreaterThan(0);
            await SigningFixture.ScreenshotAsync(page, "start-page-system-administrator.png");
            await work.Locator("li[data-kind='Units'] a").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Units$"));
        }
    }

    private static async Task SignWithPinAsync(IPage page)
    {
        await page.ClickAsync("#sign");
        await page.FillAsync("#pin", ReadmePin);
        await page.ClickAsync("#pin-ok");
        await WaitForStateAsync(page, "done");
    }

    private static Task<string> StateCellAsync(IPage page, Guid id) => page.Locator($"tr[data-id='{id}'] [data-status]").InnerTextAsync();

    private async Task<PaymentOrderStatus> StatusAsync(Guid orderId) =>
        (PaymentOrderStatus)await fixture.App.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{orderId}'");

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.Locator($"#signing[data-state='{state}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000, State = WaitForSelectorState.Attached });
}
