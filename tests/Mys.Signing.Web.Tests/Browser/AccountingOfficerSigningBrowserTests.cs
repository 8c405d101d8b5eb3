using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary><see cref="SigningFixture"/> plus the accounting officer's card.</summary>
public sealed class OfficerSigningFixture : SigningFixture
{
    protected override IEnumerable<string> ExtraTokens => [nameof(Role.AccountingOfficer)];
}

/// <summary>"Kayda Al ve e-İmzala" on the review page through Chromium, the real agent and a SoftHSM2 token.</summary>
[Trait("Speed", "Slow")]
public sealed partial class AccountingOfficerSigningBrowserTests(OfficerSigningFixture fixture) : IClassFixture<OfficerSigningFixture>
{
    [Fact]
    public async Task The_accounting_officer_signs_and_accepts_on_the_review_page_with_the_card()
    {
        var seeded = await new SignedPaymentOrderSeeder(fixture.App).SeedSentAsync();
        var (context, page, errors) = await fixture.LoginAsync(Role.AccountingOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{DemoData.AccountingUnitId}/Inbox/{seeded.Id}");
            await page.Locator("#signing[data-state='ready']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000, State = WaitForSelectorState.Attached });
            (await page.Locator("#certificate-rows").InnerTextAsync()).ShouldContain(DemoData.Accounts.Single(a => a.Role == Role.AccountingOfficer).Tckn);
            (await page.Locator("#sign").InnerTextAsync()).ShouldBe("Kayda Al ve e-İmzala");
            await SigningFixture.ScreenshotAsync(page, "accounting-officer-sign-ready.png");

            await page.ClickAsync("#sign");
            await page.FillAsync("#pin", SigningFixture.Pin);
            await page.ClickAsync("#pin-ok");
            await Assertions.Expect(page).ToHaveURLAsync(Signed(), new PageAssertionsToHaveURLOptions { Timeout = 90_000 });

            await page.GetByText("ÖEB e-imzanızla kayda alındı").WaitForAsync();
            (await page.Locator("dl.card").InnerTextAsync()).ShouldContain(PaymentOrderStatus.Accepted.TurkishName());
            (await page.Locator("[data-verdict]").GetAttributeAsync("data-verdict")).ShouldBe("ok");
            (await page.Locator("table").First.InnerTextAsync()).ShouldContain("Muhasebe Yetkilisi");
            (await page.Locator("#signing").CountAsync()).ShouldBe(0, "nothing left to sign");
            await SigningFixture.ScreenshotAsync(page, "accounting-officer-signed.png");
            errors.ShouldBeEmpty();
        }

        (await fixture.App.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{seeded.Id}'")).ShouldBe((int)PaymentOrderStatus.Accepted);
        var sha = await fixture.App.Database.ScalarAsync<string>($"SELECT \"CurrentSha256\" FROM \"SignedPaymentOrderDocuments\" WHERE \"PaymentOrderId\" = '{seeded.Id}'");
        using var scope = fixture.App.Services.CreateScope();
        await using var stored = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha!, default);
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, "accounting-officer-signed.pdf");
        await using (var file = File.Create(path))
        {
            await stored!.CopyToAsync(file);
        }

        var pdfsig = ExternalTools.Run("pdfsig", "-nssdir", "sql:" + fixture.NssDirectory, path).Output;
        Regex.Count(pdfsig, "Signature is Valid").ShouldBe(3, pdfsig);
        pdfsig.ShouldContain("MuhasebeYetkilisi");
    }

    [GeneratedRegex("imzalandi=1")]
    private static partial Regex Signed();
}
