using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Parties;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>A new person's first login in Chromium: the one-time password leads only to the change form, then the app opens.</summary>
[Trait("Speed", "Slow")]
public sealed class FirstLoginPasswordChangeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_new_user_changes_the_one_time_password_before_reaching_any_page()
    {
        var admin = DemoData.Accounts.Single(a => a.Role == Role.IdentityAdministrator);
        var tckn = Tckn.WithCheckDigits("700000001").Value;
        await using var adminContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        var page = await adminContext.NewPageAsync();
        await LogInAsync(page, admin.Tckn, MysAppFactory.DemoPassword);
        await page.GetByText($"Hoş geldiniz, {admin.FullName}").WaitForAsync();
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/CreateUser");
        await page.FillAsync("#Tckn", tckn);
        await page.FillAsync("#FullName", "Derya Tarayıcı");
        await page.FillAsync("#Title", "Memur");
        await page.ClickAsync("main button[type=submit]");
        var oneTime = (await page.Locator("main .alert.success code").InnerTextAsync()).Trim();
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/AssignRole");
        await page.FillAsync("#Tckn", tckn);
        await page.SelectOptionAsync("#SelectedRole", nameof(Role.DataEntryOfficer));
        await page.FillAsync("#Reason", "Yeni görevlendirme");
        await page.ClickAsync("main button[type=submit]");
        await page.GetByText("Veri Hazırlama").First.WaitForAsync();

        await using var userContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        var user = await userContext.NewPageAsync();
        await LogInAsync(user, tckn, oneTime);
        await user.WaitForURLAsync("**/Account/ChangePassword");
        await user.GetByText("tek kullanımlık parolayı").WaitForAsync();
        await user.GotoAsync("/");
        await user.WaitForURLAsync("**/Account/ChangePassword");
        await Screenshot(user, "01-forced-change");

        await user.FillAsync("#CurrentPassword", oneTime);
        await user.FillAsync("#NewPassword", "Derya'nın Kendi Parolası 1");
        await user.FillAsync("#Confirmation", "Derya'nın Kendi Parolası 1");
        await user.ClickAsync("main button[type=submit]");

        await user.WaitForURLAsync("**/Account/Profile");
        await user.GetByText("Parolanız değiştirildi").WaitForAsync();
        await Screenshot(user, "02-profile-after-change");
        await user.GotoAsync("/");
        await user.GetByText("Hoş geldiniz, Derya Tarayıcı").WaitForAsync();
    }

    private static async Task LogInAsync(IPage page, string tckn, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", tckn);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("main button[type=submit]");
    }

    private static Task<byte[]> Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"first-login-{name}.png"), FullPage = true });
}
