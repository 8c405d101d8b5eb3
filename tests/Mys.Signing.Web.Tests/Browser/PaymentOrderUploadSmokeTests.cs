using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Browser;

[Trait("Speed", "Slow")]
public sealed class PaymentOrderUploadSmokeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Data_entry_officer_creates_an_order_and_uploads_a_scanned_invoice_through_the_script()
    {
        var dataEntry = DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), Locale = "tr-TR" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", dataEntry.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.ClickAsync("text=Ödeme Emirleri");
        await page.ClickAsync("text=Yeni ÖEB");
        await page.FillAsync("#number", "TARAYICI/1");
        await page.SelectOptionAsync("#expense", "ELEKTRIK");
        await page.FillAsync("#payee", "Başkent Elektrik Dağıtım A.Ş.");
        await page.FillAsync("#taxid", "4540536920");
        await page.FillAsync("#iban", "TR33 0006 1005 1978 6457 8413 26");
        await page.FillAsync("#gross", "1180.00");
        await page.ClickAsync("main button[type=submit]");
        await page.GetByText("Ödeme Emri Belgesi TARAYICI/1").WaitForAsync();

        await page.SelectOptionAsync("#documentType", "FATURA");
        await page.FillAsync("input[name=invoiceNumber]", "ABC2026000000777");
        await page.FillAsync("input[name=supplierTaxId]", "4540536920");
        await page.FillAsync("input[name=invoiceDate]", DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "fatura.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {Guid.NewGuid()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await page.ClickAsync("#upload button[type=submit]");

        await page.GetByText("Belge eklendi: Fatura (e-Arşiv / kâğıt).").WaitForAsync();
        (await page.Locator("[data-field=attachments-description]").InnerTextAsync()).ShouldContain("Fatura No: ABC2026000000777; VKN: 4540536920");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "payment-order-upload.png"), FullPage = true });
        errors.ShouldBeEmpty("no script or CSP errors");
    }
}
