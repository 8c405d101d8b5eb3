using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>The signers open what they sign: the uploaded invoice, from the ÖEB page and from the signing page before the PIN.</summary>
public sealed partial class SigningEndToEndTests
{
    [Fact]
    public async Task The_realization_officer_and_the_spending_authority_open_the_uploaded_attachment_from_the_order_page_and_the_signing_page_before_the_pin()
    {
        var number = "E2E-EK/" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        var orderId = await EnterAndSubmitAsync(number);
        var attachmentId = await fixture.App.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{orderId}'");
        var sha256 = await fixture.App.Database.ScalarAsync<string>($"SELECT \"Sha256\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{orderId}'");
        sha256.ShouldNotBeNull();

        var (realization, officerPage, officerErrors) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (realization)
        {
            await officerPage.GotoAsync($"/Units/{Unit}/PaymentOrders/{orderId}");
            await OpensAttachmentAsync(officerPage, "table", attachmentId, sha256, "realization-order-page");
            await officerPage.ClickAsync("#sign-link");
            await WaitForStateAsync(officerPage, "ready");
            (await officerPage.Locator("#pin").IsVisibleAsync()).ShouldBeFalse("no PIN has been asked for yet");
            await OpensAttachmentAsync(officerPage, "#sign-attachments", attachmentId, sha256, "realization-signing-page");
            await SigningFixture.ScreenshotAsync(officerPage, "signing-attachments-before-pin.png");

            await officerPage.ClickAsync("#sign");
            await officerPage.FillAsync("#pin", SigningFixture.Pin);
            await officerPage.ClickAsync("#pin-ok");
            await WaitForStateAsync(officerPage, "done");
            officerErrors.ShouldBeEmpty();
        }

        (await StatusAsync(orderId)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);

        var (authority, authorityPage, authorityErrors) = await fixture.LoginAsync(Role.SpendingAuthority);
        await using (authority)
        {
            await authorityPage.GotoAsync($"/Units/{Unit}/PaymentOrders/{orderId}");
            await OpensAttachmentAsync(authorityPage, "table", attachmentId, sha256, "authority-order-page");
            await authorityPage.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={orderId}");
            await WaitForStateAsync(authorityPage, "ready");
            (await authorityPage.Locator("#pin").IsVisibleAsync()).ShouldBeFalse("no PIN has been asked for yet");
            await OpensAttachmentAsync(authorityPage, "#sign-attachments", attachmentId, sha256, "authority-signing-page");
            authorityErrors.ShouldBeEmpty();
        }
    }

    // The "Görüntüle" link answers the PDF itself (inline) and the "İndir" link, clicked, downloads the same bytes.
    private static async Task OpensAttachmentAsync(IPage page, string container, Guid attachmentId, string sha256, string where)
    {
        var links = page.Locator($"{container} [data-attachment='{attachmentId}']").First;
        var view = links.Locator("a[data-open='inline']");
        var href = await view.GetAttributeAsync("href");
        href.ShouldNotBeNull($"{where}: a view link");
        var response = await page.APIRequest.GetAsync(href);
        response.Status.ShouldBe(200, where);
        response.Headers["content-type"].ShouldStartWith("application/pdf");
        response.Headers["content-disposition"].ShouldStartWith("inline");
        response.Headers["x-content-type-options"].ShouldBe("nosniff");
        Convert.ToHexStringLower(SHA256.HashData(await response.BodyAsync())).ShouldBe(sha256, where);

        var download = await page.RunAndWaitForDownloadAsync(() => links.Locator("a[data-open='download']").ClickAsync());
        var path = await download.PathAsync();
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))).ShouldBe(sha256, where);
        download.SuggestedFilename.ShouldBe("fatura-tarama.pdf");
    }
}
