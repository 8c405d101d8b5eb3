using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

[Trait("Speed", "Slow")]
public sealed class IdentityAdministratorSmokeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Identity_administrator_logs_in_assigns_a_role_and_sees_it_in_the_audit_trail()
    {
        var admin = DemoData.Accounts.Single(a => a.Role == Role.IdentityAdministrator);
        var dataEntry = DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/Account/Login**");
        await Screenshot(page, "01-login");
        await page.FillAsync("#Tckn", admin.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.GetByText($"Hoş geldiniz, {admin.FullName}").WaitForAsync();

        await page.ClickAsync("text=Kullanıcılar ve Roller");
        await page.ClickAsync($"a[href='/Units/{DemoData.SpendingUnitId}/Users']");
        await page.ClickAsync("text=Rol Ver");
        await page.FillAsync("#Tckn", dataEntry.Tckn);
        await page.SelectOptionAsync("#SelectedRole", nameof(Role.RealizationOfficer));
        await page.FillAsync("#Reason", "Tarayıcı testi ile görevlendirme");
        await Screenshot(page, "02-assign-role");
        await page.ClickAsync("main button[type=submit]");

        await page.GetByText("Gerçekleştirme Görevlisi rolü verildi").WaitForAsync();
        await Screenshot(page, "03-unit-users");

        await page.ClickAsync("text=İşlem Kayıtları");
        var granted = page.Locator("#audit tr[data-action='RoleGranted']").First;
        await granted.WaitForAsync();
        var row = await granted.InnerTextAsync();
        row.ShouldContain("Rol verildi");
        row.ShouldContain(admin.FullName);
        row.ShouldContain("Kimlik Yöneticisi");
        row.ShouldContain(dataEntry.FullName + " · Gerçekleştirme Görevlisi");
        row.ShouldNotContain(dataEntry.Tckn);
        await granted.Locator("summary").ClickAsync();
        var details = await granted.InnerTextAsync();
        details.ShouldContain("Tarayıcı testi ile görevlendirme");
        details.ShouldContain("127.0.0.1");
        await Screenshot(page, "04-audit-trail");
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"identity-admin-{name}.png"), FullPage = true });
}
