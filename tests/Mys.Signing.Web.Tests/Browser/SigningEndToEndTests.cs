using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>
/// The whole path through the browser with the real agent and SoftHSM2 tokens: data entry → realization officer
/// signs through the page and the agent → spending authority signs (selected on the list) → the accounting unit sees
/// it; the stored PDF then passes pdfsig with the dev root. Plus the two failures users meet most: a wrong PIN and
/// no agent.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class SigningEndToEndTests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private static readonly Guid Unit = DemoData.SpendingUnitId;

    [Fact]
    public async Task An_order_is_entered_signed_twice_through_the_agent_and_arrives_at_the_accounting_unit_with_a_pdf_pdfsig_trusts()
    {
        var number = "E2E/" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture);
        var orderId = await EnterAndSubmitAsync(number);

        var (realization, officerPage, officerErrors) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (realization)
        {
            await officerPage.GotoAsync($"/Units/{Unit}/PaymentOrders/{orderId}");
            await officerPage.ClickAsync("#sign-link");
            await WaitForStateAsync(officerPage, "ready");
            var certificates = await officerPage.Locator("#certificate-rows").InnerTextAsync();
            certificates.ShouldContain(DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn);
            certificates.ShouldContain("Mys"); // the dev PKI's issuing CA
            (await officerPage.Locator("#agent-status").InnerTextAsync()).ShouldContain("Mys.Signing.Bridge 0.1.0");
            (await officerPage.Locator("#summary").InnerTextAsync()).ShouldContain(number);
            await SigningFixture.ScreenshotAsync(officerPage, "signing-page-ready.png");

            await officerPage.ClickAsync("#sign");
            await officerPage.FillAsync("#pin", SigningFixture.Pin);
            await SigningFixture.ScreenshotAsync(officerPage, "signing-pin-dialog.png");
            await officerPage.ClickAsync("#pin-ok");
            await WaitForStateAsync(officerPage, "done");
            (await officerPage.Locator($"tr[data-id='{orderId}']").GetAttributeAsync("data-outcome")).ShouldBe("signed");
            await SigningFixture.ScreenshotAsync(officerPage, "signing-realization-done.png");
            officerErrors.ShouldBeEmpty();
        }

        (await StatusAsync(orderId)).ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);

        var (authority, authorityPage, authorityErrors) = await fixture.LoginAsync(Role.SpendingAuthority);
        await using (authority)
        {
            await authorityPage.GotoAsync($"/Units/{Unit}/PaymentOrders?sayi={Uri.EscapeDataString(number)}");
            await authorityPage.CheckAsync($"input[name=id][value='{orderId}']");
            await SigningFixture.ScreenshotAsync(authorityPage, "signing-list-selection.png");
            await authorityPage.ClickAsync("text=Seçilenleri İmzala");
            await WaitForStateAsync(authorityPage, "ready");
            await authorityPage.ClickAsync("#sign");
            await authorityPage.FillAsync("#pin", SigningFixture.Pin);
            await authorityPage.ClickAsync("#pin-ok");
            await WaitForStateAsync(authorityPage, "done");
            (await authorityPage.Locator($"tr[data-id='{orderId}']").GetAttributeAsync("data-outcome")).ShouldBe("signed");
            await SigningFixture.ScreenshotAsync(authorityPage, "signing-spending-authority-done.png");
            authorityErrors.ShouldBeEmpty();
        }

        (await StatusAsync(orderId)).ShouldBe(PaymentOrderStatus.SentToAccounting);
        await AccountingUnitSeesItAsync(orderId, number);

        var pdfsig = await PdfSigAsync(orderId);
        SignedField().Count(pdfsig).ShouldBe(2, pdfsig);
        Regex.Count(pdfsig, "Signature is Valid").ShouldBe(2, pdfsig);
        Regex.Count(pdfsig, "Certificate is Trusted").ShouldBe(2, pdfsig);
    }

    [Fact]
    public async Task A_wrong_pin_says_how_many_tries_remain_and_signs_nothing()
    {
        var orderId = await AwaitingRealizationAsync();
        var (context, page, errors) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={orderId}");
            await WaitForStateAsync(page, "ready");
            await SigningFixture.ScreenshotAsync(page, "signing-certificates.png");
            await page.ClickAsync("#sign");
            await page.FillAsync("#pin", "000000");
            await page.ClickAsync("#pin-ok");
            await WaitForStateAsync(page, "pin-incorrect");

            (await page.Locator("#pin-warning").InnerTextAsync()).ShouldContain("Kalan deneme hakkı: 2");
            (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe("AGENT_PIN_INCORRECT");
            (await page.Locator("#message a").GetAttributeAsync("href")).ShouldBe("/Yardim/hatalar#AGENT_PIN_INCORRECT");
            await SigningFixture.ScreenshotAsync(page, "signing-wrong-pin.png");
            errors.ShouldBeEmpty();
        }

        (await StatusAsync(orderId)).ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        fixture.BridgeLog.ShouldNotContain("000000");
    }

    [Fact]
    public async Task Without_the_agent_the_page_says_so_with_the_install_steps()
    {
        var orderId = await AwaitingRealizationAsync();
        var (context, page, _) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            // What the browser sees when nothing listens on the agent's port (or the user refused local network access).
            await page.RouteAsync(fixture.BridgeAddress.ToString().TrimEnd('/') + "/**", route => route.AbortAsync("connectionrefused"));
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Sign?id={orderId}");
            await WaitForStateAsync(page, "agent-missing");

            (await page.Locator("#agent-missing").IsVisibleAsync()).ShouldBeTrue();
            (await page.Locator("#agent-missing").InnerTextAsync()).ShouldContain("MYS İmza Ajanı'nı bilgi işlem biriminizin yayımladığı adresten indirip");
            (await page.Locator("#message").GetAttributeAsync("data-code")).ShouldBe("AGENT_UNREACHABLE");
            (await page.Locator("#sign").IsDisabledAsync()).ShouldBeTrue();
            (await page.Locator("#retry").IsVisibleAsync()).ShouldBeTrue();
            await SigningFixture.ScreenshotAsync(page, "signing-agent-missing.png");

            // The fallback: a one-time 15-digit code with a countdown, for the agent's `mys-bridge code` command.
            await page.ClickAsync("#signing-code-start");
            var code = page.Locator("#signing-code .signing-code");
            await code.WaitForAsync();
            System.Text.RegularExpressions.Regex.IsMatch(await code.InnerTextAsync(), @"^\d{5} \d{5} \d{5}$").ShouldBeTrue();
            await page.Locator("#signing-code").GetByText("Kalan süre:").WaitForAsync();
            await SigningFixture.ScreenshotAsync(page, "signing-verification-code.png");
        }
    }

    private async Task<Guid> EnterAndSubmitAsync(string number)
    {
        var (context, page, errors) = await fixture.LoginAsync(Role.DataEntryOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{Unit}/PaymentOrders/Edit");
            await page.FillAsync("#number", number);
            await page.SelectOptionAsync("#expense", "ELEKTRIK");
            await page.FillAsync("input[name='Form.Institutional']", "38.10.00.30");
            await page.FillAsync("input[name='Form.Functional']", "01.3.9.00");
            await page.FillAsync("input[name='Form.Financing']", "1");
            await page.FillAsync("input[name='Form.Economic']", "03.2.1.01");
            await page.FillAsync("input[name='Form.Lines[0].Account']", "630");
            await page.SelectOptionAsync("select[name='Form.Lines[0].Side']", "B");
            await page.FillAsync("input[name='Form.Lines[0].Amount']", "1180.00");
            await page.FillAsync("input[name='Form.Lines[1].Account']", "320.01");
            await page.SelectOptionAsync("select[name='Form.Lines[1].Side']", "A");
            await page.FillAsync("input[name='Form.Lines[1].Amount']", "1180.00");
            await page.FillAsync("#payee", "Başkent Elektrik Dağıtım A.Ş.");
            await page.FillAsync("#taxid", "4540536920");
            await page.FillAsync("#iban", "TR33 0006 1005 1978 6457 8413 26");
            await page.FillAsync("#gross", "1180.00");
            await page.ClickAsync("main button[type=submit]");
            await page.GetByText("Ödeme Emri Belgesi " + number).WaitForAsync();

            await page.SelectOptionAsync("#documentType", "FATURA");
            await page.FillAsync("input[name=invoiceNumber]", "ABC" + DateTime.UtcNow.ToString("yyyyHHmmssfff", CultureInfo.InvariantCulture));
            await page.FillAsync("input[name=supplierTaxId]", "4540536920");
            await page.FillAsync("input[name=invoiceDate]", DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.SetInputFilesAsync("#file", new FilePayload
            {
                Name = "fatura-tarama.pdf",
                MimeType = "application/pdf",
                Buffer = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
            });
            await page.ClickAsync("#upload button[type=submit]");
            await page.GetByText("Belge eklendi: Fatura (e-Arşiv / kâğıt).").WaitForAsync();
            await SigningFixture.ScreenshotAsync(page, "signing-data-entry-details.png");
            await page.ClickAsync("text=İmzaya Gönder");
            await page.GetByText("ÖEB gerçekleştirme görevlisinin imzasına gönderildi.").WaitForAsync();
            errors.ShouldBeEmpty();
            return Guid.Parse(IdInUrl().Match(page.Url).Groups[1].Value);
        }
    }

    private async Task AccountingUnitSeesItAsync(Guid orderId, string number)
    {
        var (context, page, errors) = await fixture.LoginAsync(Role.AccountingOfficer);
        await using (context)
        {
            await page.GotoAsync($"/Units/{DemoData.AccountingUnitId}/Inbox?ara={Uri.EscapeDataString(number)}");
            var row = page.Locator($"a[href$='/Inbox/{orderId}']");
            (await row.InnerTextAsync()).ShouldBe(number);
            (await page.Locator("table tbody").InnerTextAsync()).ShouldContain(PaymentOrderStatus.SentToAccounting.TurkishName());
            await SigningFixture.ScreenshotAsync(page, "signing-accounting-inbox.png");
            await row.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(orderId.ToString()), new PageAssertionsToHaveURLOptions { Timeout = 90_000 });
            await SigningFixture.ScreenshotAsync(page, "signing-accounting-report.png");
            errors.ShouldBeEmpty();
        }
    }

    private async Task<Guid> AwaitingRealizationAsync() =>
        await fixture.App.Database.ScalarAsync<Guid>(
            $"SELECT \"Id\" FROM \"PaymentOrders\" WHERE \"Status\" = {(int)PaymentOrderStatus.AwaitingRealizationSignature} AND \"Number\" NOT LIKE 'E2E/%' ORDER BY \"Number\" LIMIT 1");

    private async Task<PaymentOrderStatus> StatusAsync(Guid orderId) =>
        (PaymentOrderStatus)await fixture.App.Database.ScalarAsync<int>($"SELECT \"Status\" FROM \"PaymentOrders\" WHERE \"Id\" = '{orderId}'");

    private async Task<string> PdfSigAsync(Guid orderId)
    {
        var sha = await fixture.App.Database.ScalarAsync<string>($"SELECT \"CurrentSha256\" FROM \"SignedPaymentOrderDocuments\" WHERE \"PaymentOrderId\" = '{orderId}'");
        sha.ShouldNotBeNull("the signed PDF is recorded");
        using var scope = fixture.App.Services.CreateScope();
        await using var stored = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha, default);
        stored.ShouldNotBeNull();
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, "signing-e2e-signed.pdf");
        await using (var file = File.Create(path))
        {
            await stored.CopyToAsync(file);
        }

        return ExternalTools.Run("pdfsig", "-nssdir", "sql:" + fixture.NssDirectory, path).Output;
    }

    private static Task WaitForStateAsync(IPage page, string state) =>
        page.Locator($"#signing[data-state='{state}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000, State = WaitForSelectorState.Attached });

    [GeneratedRegex("/PaymentOrders/([0-9a-f-]{36})")]
    private static partial Regex IdInUrl();

    [GeneratedRegex(@"Signature Field Name: (GerceklestirmeGorevlisi|HarcamaYetkilisi)\s+- Signer Certificate Common Name")]
    private static partial Regex SignedField();
}
