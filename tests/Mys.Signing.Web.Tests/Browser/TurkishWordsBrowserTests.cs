using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>Issue 19 in Chromium: amounts typed the Turkish way are saved and shown so, and the browser's own form checks speak Turkish.</summary>
[Trait("Speed", "Slow")]
public sealed class TurkishWordsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_empty_required_field_gets_a_turkish_message_not_the_browsers_english_one()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/Edit");

        await page.ClickAsync("main button[type=submit]");

        (await page.EvalOnSelectorAsync<string>("#number", "e => e.validationMessage")).ShouldBe("Lütfen bu alanı doldurun.");
        (await page.EvalOnSelectorAsync<bool>("#number", "e => e === document.activeElement")).ShouldBeTrue("the browser points at the empty field");
        page.Url.ShouldEndWith("/PaymentOrders/Edit", customMessage: "nothing was posted");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "turkish-validation-message.png") });

        await page.FillAsync("#number", "TARAYICI/TR");
        (await page.EvalOnSelectorAsync<string>("#number", "e => e.validationMessage")).ShouldBeEmpty("typing clears the message");
    }

    [Fact]
    public async Task Amounts_typed_the_turkish_way_are_saved_and_shown_in_turkish()
    {
        var page = await LoggedInAsync();
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/Edit");
        (await page.GetAttributeAsync("#gross", "placeholder")).ShouldBe("11.800,00");

        await page.FillAsync("#number", "TARAYICI/TUTAR");
        await page.SelectOptionAsync("#expense", "ELEKTRIK");
        await page.FillAsync("input[name='Form.Lines[0].Account']", "630");
        await page.SelectOptionAsync("select[name='Form.Lines[0].Side']", "B");
        await page.FillAsync("input[name='Form.Lines[0].Amount']", "11.800,00");
        await page.FillAsync("input[name='Form.Lines[1].Account']", "320.01");
        await page.SelectOptionAsync("select[name='Form.Lines[1].Side']", "A");
        await page.FillAsync("input[name='Form.Lines[1].Amount']", "11688,14");
        await page.FillAsync("input[name='Form.Lines[2].Account']", "360");
        await page.SelectOptionAsync("select[name='Form.Lines[2].Side']", "A");
        await page.FillAsync("input[name='Form.Lines[2].Amount']", "111,86");
        await page.FillAsync("#payee", "Başkent Elektrik Dağıtım A.Ş.");
        await page.FillAsync("#taxid", "4540536920");
        await page.FillAsync("#iban", "TR33 0006 1005 1978 6457 8413 26");
        await page.FillAsync("#gross", "11.800,00");
        await page.FillAsync("input[name='Form.StampDuty']", "111,86");
        await page.ClickAsync("main button[type=submit]");

        await page.GetByText("Ödeme Emri Belgesi TARAYICI/TUTAR").WaitForAsync();
        var details = await page.Locator("main").InnerTextAsync();
        details.ShouldContain("11.800,00 TL");
        details.ShouldContain("Damga vergisi 111,86 TL");
        details.ShouldContain("11.688,14 TL");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "turkish-amounts-details.png"), FullPage = true });

        await page.ClickAsync("main a.button:text-is('Düzenle')");
        (await page.InputValueAsync("#gross")).ShouldBe("11.800,00");
        (await page.InputValueAsync("input[name='Form.StampDuty']")).ShouldBe("111,86");
        (await page.InputValueAsync("input[name='Form.Lines[1].Amount']")).ShouldBe("11.688,14");

        await page.FillAsync("#gross", "1,2345");
        await page.ClickAsync("main button[type=submit]");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Virgülden sonra en fazla iki basamak (kuruş) yazılabilir (ör. 11.800,00).");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "turkish-amounts-refused.png"), FullPage = true });
    }

    private async Task<IPage> LoggedInAsync()
    {
        var dataEntry = DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", dataEntry.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }
}
