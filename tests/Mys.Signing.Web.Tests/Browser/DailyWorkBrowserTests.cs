using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// The day of the people who use it, in Chromium on the demo organisation: the start page's counts per role (each the
/// size of the list it links to), the audit log as a paged, filtered table, and "Çıkar" asking before it removes.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class DailyWorkBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(Role.DataEntryOfficer, "Draft", "Taslak")]
    [InlineData(Role.RealizationOfficer, "AwaitingMySignature", "İmzanızı bekleyen")]
    public async Task The_start_page_counts_the_work_waiting_and_each_count_is_the_list_it_opens(Role role, string kind, string words)
    {
        var (context, page) = await LoginAsync(role);
        await using (context)
        {
            var work = page.Locator($"#work-waiting li[data-kind='{kind}']");
            await work.WaitForAsync();
            var count = int.Parse((await work.GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
            count.ShouldBeGreaterThan(0, "the demo data has work waiting for every role");
            (await work.InnerTextAsync()).ShouldContain($"{words} {count} ÖEB");
            await Screenshot(page, $"start-page-{role}");

            await work.Locator("a").ClickAsync();
            await page.WaitForURLAsync("**/PaymentOrders?durum=*");
            (await page.Locator("#sign-selected table tbody tr").CountAsync()).ShouldBe(count);
        }
    }

    [Fact]
    public async Task Every_role_with_unit_work_sees_its_own_counts_and_the_identity_administrator_sees_people()
    {
        var (context, page) = await LoginAsync(Role.SpendingAuthority);
        await using (context)
        {
            var mine = page.Locator("#work-waiting li[data-kind='AwaitingMySignature']");
            (await mine.InnerTextAsync()).ShouldMatch(@"İmzanızı bekleyen \d+ ÖEB");
            (await page.Locator("#work-waiting li[data-kind='Draft']").CountAsync()).ShouldBe(0, "drafts are the data entry officer's work");
        }

        var (adminContext, admin) = await LoginAsync(Role.IdentityAdministrator);
        await using (adminContext)
        {
            (await admin.Locator("#work-waiting li[data-kind='CertificatesNeedingAttention']").InnerTextAsync()).ShouldContain("imzacı");
            (await admin.Locator("#work-waiting li[data-kind='UsersWithoutRole']").InnerTextAsync()).ShouldContain("Rolü olmayan");
            await Screenshot(admin, "start-page-IdentityAdministrator");
        }

        var (staffContext, staff) = await LoginAsync(Role.AccountingStaff);
        await using (staffContext)
        {
            (await staff.Locator("#work-waiting li[data-kind='Inbox']").InnerTextAsync()).ShouldMatch(@"Gelen \d+ ÖEB");
            (await staff.Locator("#work-waiting li[data-kind='Inbox'] a").GetAttributeAsync("href")).ShouldBe($"/Units/{DemoData.AccountingUnitId}/Inbox?durum=SentToAccounting");
        }
    }

    [Fact]
    public async Task The_audit_log_is_a_paged_table_with_names_turkish_events_and_filters()
    {
        var (context, page) = await LoginAsync(Role.SystemAdministrator);
        await using (context)
        {
            await page.GotoAsync("/Audit");
            var summary = await page.Locator("#audit-summary").InnerTextAsync();
            var total = int.Parse(Regex.Match(summary, @"^([\d.]+) kayıt").Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            total.ShouldBeGreaterThan(50, "the seeded demo organisation leaves more than a page of entries");
            (await page.Locator("#audit tbody tr").CountAsync()).ShouldBe(50);
            var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
            height.ShouldBeLessThan(12_000, "a page of 50 short rows, the details folded");
            await Screenshot(page, "audit-page-1");
            var firstOnPageOne = await page.Locator("#audit tbody tr").First.InnerTextAsync();

            await page.Locator("#audit-pager").GetByText("2", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/Audit?p=2");
            (await page.Locator("#audit-pager [aria-current='page']").InnerTextAsync()).ShouldBe("2");
            (await page.Locator("#audit tbody tr").First.InnerTextAsync()).ShouldNotBe(firstOnPageOne);
            (await page.Locator("#audit-summary").InnerTextAsync()).ShouldContain("sayfa 2 /");
            await Screenshot(page, "audit-page-2");

            // Event filter: Turkish names, and only that event is listed; people by name, not by T.C. kimlik no.
            var admin = DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator);
            await page.SelectOptionAsync("#action", new SelectOptionValue { Label = "Giriş yapıldı" });
            await page.ClickAsync("#audit-filters button[type=submit]");
            await page.WaitForURLAsync("**Event=LoggedIn**");
            var logins = page.Locator("#audit tbody tr");
            (await logins.CountAsync()).ShouldBeGreaterThan(0, "this test's own login");
            foreach (var row in await logins.AllAsync())
            {
                (await row.GetAttributeAsync("data-action")).ShouldBe("LoggedIn");
                (await row.InnerTextAsync()).ShouldContain("Giriş yapıldı");
            }

            var table = await page.Locator("#audit").InnerTextAsync();
            table.ShouldNotContain("LoggedIn");
            table.ShouldContain(admin.FullName);
            table.ShouldNotContain(admin.Tckn, Case.Sensitive, "people are shown by name, not T.C. kimlik no");
            await Screenshot(page, "audit-filtered-by-event");

            // The person filter finds them by name.
            await page.GotoAsync("/Audit?User=" + Uri.EscapeDataString(admin.FullName));
            (await page.Locator("#audit tbody tr").CountAsync()).ShouldBeGreaterThan(0);

            // ÖEB number filter.
            await page.GotoAsync("/Audit?Oeb=DEMO%2F0001");
            var rows = page.Locator("#audit tbody tr");
            (await rows.CountAsync()).ShouldBeGreaterThan(0);
            foreach (var row in await rows.AllAsync())
            {
                (await row.InnerTextAsync()).ShouldContain("DEMO/0001");
            }

            await Screenshot(page, "audit-filtered-by-oeb");
        }
    }

    private async Task<(IBrowserContext Context, IPage Page)> LoginAsync(Role role)
    {
        var account = DemoData.Accounts.Single(a => a.Role == role);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", account.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.GetByText($"Hoş geldiniz, {account.FullName}").WaitForAsync();
        return (context, page);
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"daily-work-{name}.png"), FullPage = true });
}
