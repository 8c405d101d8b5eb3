using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Invoices;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>The app with the dev PKI (so a draft can be signed and sent as the signing pages would), and Chromium.</summary>
public sealed class EInvoiceBrowserFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-efatura-browser-").FullName;
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public MysAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A Mali Mühür P-384 seal of the supplier, from a dev PKI of its own (the issuer's CA, not the app's).</summary>
    public DevPkiEntry SupplierSeal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, SignedPaymentOrderSeeder.DevPkiSettings(Path.Combine(_folder, "devpki")));
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var issuer = DevPkiFactory.Create(new DevPkiOptions(), TimeProvider.System);
        SupplierSeal = DevPkiFactory.IssueFinancialSeal(issuer, "seal", "4540536920", "Başkent Elektrik Dağıtım A.Ş.", DevKeyType.EcP384, DateTimeOffset.UtcNow);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> LoginAsync(Role role)
    {
        var account = DemoData.Accounts.Single(a => a.Role == role);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "tr-TR" });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Tckn", account.Tckn);
        await page.FillAsync("#Password", MysAppFactory.DemoPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}

[Trait("Speed", "Slow")]
public sealed class EInvoiceSignatureBrowserTests(EInvoiceBrowserFixture fixture) : IClassFixture<EInvoiceBrowserFixture>
{
    [Fact]
    public async Task A_signed_e_fatura_uploaded_on_the_oeb_page_shows_its_stored_verdict_there_and_in_the_accounting_report()
    {
        var seeder = new SignedPaymentOrderSeeder(fixture.App);
        var (orderId, number) = await seeder.SeedDraftAsync();
        var page = await fixture.LoginAsync(Role.DataEntryOfficer);
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{orderId}");
        await page.GetByText($"Ödeme Emri Belgesi {number}").WaitForAsync();

        // A P-384 Mali Mühür signature with its value DER-encoded, a CR in the signed address, a date with a zone.
        var invoice = new UblTrTestInvoice
        {
            Number = "BED2025000000042", SupplierName = "Başkent Elektrik Dağıtım A.Ş.", VatRate = 18m, IssueDate = "2025-06-05+03:00",
            CarriageReturnInAddress = true,
        };
        var xml = XadesTestSigner.Sign(invoice, fixture.SupplierSeal, new XadesTestOptions { EcdsaEncoding = EcdsaValueEncoding.Der });
        await page.SelectOptionAsync("#documentType", "EFATURA");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "fatura.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(xml) });
        await page.ClickAsync("#upload button[type=submit]");
        await page.GetByText("Belge eklendi: ").First.WaitForAsync();

        await page.ReloadAsync();
        var ettn = invoice.Ettn.ToString("D");
        (await page.Locator("[data-efatura-verdict=NotStored]").CountAsync()).ShouldBe(1, "the demo draft's e-Fatura link without XML says it was not checked");
        var verdict = page.Locator("tr", new PageLocatorOptions { HasText = ettn }).Locator("[data-efatura-verdict]");
        (await verdict.GetAttributeAsync("data-efatura-verdict")).ShouldBe("VerifiedNonStandardEncoding", "the verdict is stored, not only flashed once");
        var text = await verdict.InnerTextAsync();
        text.ShouldContain("İmza doğrulandı (standart dışı imza değeri kodlaması)");
        text.ShouldContain("Mali Mühür — Başkent Elektrik Dağıtım A.Ş. (VKN 4540536920)");
        text.ShouldContain("İmzalayan satıcının kendisi.");
        text.ShouldContain("Sertifika zinciri, geçerlilik süresi ve iptal durumu denetlenmedi");
        text.ShouldNotContain("değiştirilmiş");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "efatura-verdict-oeb.png"), FullPage = true });

        await seeder.SubmitAsync(orderId);
        var realization = await fixture.LoginAsync(Role.RealizationOfficer);
        await realization.GotoAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/Sign?id={orderId}");
        var signing = realization.Locator("#efatura-signatures li", new PageLocatorOptions { HasText = ettn });
        (await signing.Locator("[data-efatura-verdict]").GetAttributeAsync("data-efatura-verdict")).ShouldBe("VerifiedNonStandardEncoding", "the signing page shows what the signer vouches for");
        (await signing.InnerTextAsync()).ShouldContain("Mali Mühür — Başkent Elektrik Dağıtım A.Ş. (VKN 4540536920)");

        await seeder.SubmitSignAndSendAsync(orderId);
        var accounting = await fixture.LoginAsync(Role.AccountingStaff);
        await accounting.GotoAsync($"/Units/{DemoData.AccountingUnitId}/Inbox/{orderId}");
        var card = accounting.Locator(".invoice", new PageLocatorOptions { HasText = ettn });
        var row = card.Locator("tr", new LocatorLocatorOptions { HasText = "e-Fatura imzası" });
        (await row.InnerTextAsync()).ShouldContain("İmza doğrulandı (standart dışı imza değeri kodlaması) — Mali Mühür — Başkent Elektrik Dağıtım A.Ş. (VKN 4540536920)");
        (await row.GetAttributeAsync("class") ?? string.Empty).ShouldNotContain("bad");
        (await card.Locator("[data-efatura-verdict]").GetAttributeAsync("data-efatura-verdict")).ShouldBe("VerifiedNonStandardEncoding");
        var notChecked = accounting.Locator(".invoice", new PageLocatorOptions { Has = accounting.Locator("[data-efatura-verdict=NotStored]") })
            .Locator("tr", new LocatorLocatorOptions { HasText = "e-Fatura imzası" });
        (await notChecked.GetAttributeAsync("class") ?? string.Empty).ShouldContain("bad", Case.Sensitive, "a link never checked is not shown as success");
        await accounting.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "efatura-verdict-report.png"), FullPage = true });
    }
}
