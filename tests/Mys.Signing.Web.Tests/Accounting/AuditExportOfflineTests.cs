extern alias mys;

using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Web.Pages.Accounting;
using mys::Mys.Signing.Cli.Commands;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>
/// The page's audit export verifies OFFLINE: its bundles' seal is CAdES-LT and their ÖEB PDFs carry /DSS, so
/// <c>mys verify --offline</c> (no OCSP/CRL reachable) passes them; the seal is chosen from the settings.
/// <c>mys export</c> itself is tested in Cli.Tests (MysExportTests).
/// </summary>
public sealed class AuditExportOfflineTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Today => TurkishDate(0);

    // Data made earlier in the run may fall on the day before when a run crosses midnight in Turkey (21:00 UTC).
    private static string Yesterday => TurkishDate(-1);

    private static string TurkishDate(int days) =>
        DateTime.UtcNow.AddHours(3).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_page_export_with_the_dev_seal_also_verifies_offline()
    {
        await fx.Seeder.SeedSentAsync();
        var officer = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingOfficer).Tckn);
        // One accepted with the accounting officer's own e-signature ("Kayda Al ve e-İmzala"): three signatures and /DSS.
        var officerSigned = await fx.Seeder.SeedSentAsync();
        (await SigningApi.SignAsync(officer, DevCardSigner.For(fx.App.Services, Role.AccountingOfficer), officerSigned.Id)).Items.Single().Ok.ShouldBeTrue();
        var response = await MysAppFactory.PostFormAsync(officer, $"/Units/{Au1}/Inbox/Export",
            new Dictionary<string, string> { ["From"] = Yesterday, ["To"] = Today }, $"/Units/{Au1}/Inbox/Export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var folder = Directory.CreateTempSubdirectory("mys-export-page-").FullName;
        try
        {
            var zipPath = Path.Combine(folder, "ibraz.zip");
            await File.WriteAllBytesAsync(zipPath, await response.Content.ReadAsByteArrayAsync());
            var root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, PemEncoding.WriteString("CERTIFICATE", fx.App.Services.GetRequiredService<DevPkiHierarchy>().Root.CertificateDer));

            var bundles = AuditExportFiles.ExtractBundles(zipPath, folder);
            var (code, report) = await MysAsync(["verify", .. bundles.Values, "--offline", "--trust", root]);

            code.ShouldBe(0, report);
            var officerBundle = bundles.Single(b => b.Key.Contains(AuditExportFiles.Slug(officerSigned.Number), StringComparison.Ordinal)).Value;
            var officerPdf = System.Text.Encoding.Latin1.GetString(AuditExportFiles.ReadEntry(officerBundle, "oeb.pdf"));
            System.Text.RegularExpressions.Regex.Count(officerPdf, "/ByteRange").ShouldBe(3, "the realization officer's, the spending authority's and the accounting officer's");
            officerPdf.ShouldContain("/DSS");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_seal_is_the_pkcs12_when_configured_the_dev_seal_only_with_the_dev_pki_and_otherwise_none()
    {
        var pki = fx.App.Services.GetRequiredService<DevPkiHierarchy>();
        var file = Path.Combine(Path.GetTempPath(), "mys-seal-" + Guid.NewGuid().ToString("N") + ".p12");
        File.WriteAllBytes(file, AuditExportFiles.SealPkcs12(pki, "doğru"));
        try
        {
            using var fromFile = SystemSeal.From(Configuration(("Mys:Seal:Pkcs12Path", file), ("Mys:Seal:Pkcs12Password", "doğru")), null, NullLogger.Instance);
            fromFile.Signer.ShouldNotBeNull().Certificate.ShouldBe(pki.SystemSeal.CertificateDer);
            fromFile.Signer.Chain.Count.ShouldBeGreaterThan(0);
            fromFile.Source.ShouldStartWith("PKCS#12");
            using var wrongPassword = SystemSeal.From(Configuration(("Mys:Seal:Pkcs12Path", file), ("Mys:Seal:Pkcs12Password", "yanlış")), pki.SealSigner, NullLogger.Instance);
            wrongPassword.Signer.ShouldBeNull();
            using var dev = SystemSeal.From(Configuration(), pki.SealSigner, NullLogger.Instance);
            dev.Source.ShouldBe("dev PKI");
            using var none = SystemSeal.From(Configuration(), null, NullLogger.Instance);
            none.Signer.ShouldBeNull();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<(int Code, string Output)> MysAsync(params string[] args)
    {
        var settings = fx.Settings.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return (code, stdout + stderr.ToString());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
