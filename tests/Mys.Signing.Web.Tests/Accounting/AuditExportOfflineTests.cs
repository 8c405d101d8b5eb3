extern alias mys;

using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Web.Pages.Accounting;
using mys::Mys.Signing.Cli.Commands;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>
/// The audit export verifies OFFLINE: <c>mys export</c> (the page's code) writes bundles whose seal is CAdES-LT and whose
/// ÖEB PDFs carry /DSS, and <c>mys verify --offline</c> (no OCSP/CRL reachable) passes every one of them.
/// </summary>
public sealed class AuditExportOfflineTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Today => DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Mys_export_with_a_pkcs12_seal_writes_bundles_that_mys_verify_passes_offline_accepted_or_not_and_a_tampered_one_fails()
    {
        var pending = await fx.Seeder.SeedSentAsync();
        var accepted = await fx.Seeder.SeedSentAsync();
        var staff = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingStaff).Tckn);
        (await MysAppFactory.PostFormAsync(staff, $"/Units/{Au1}/Inbox/{accepted.Id}?handler=Accept", new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pendingStored = (await fx.Seeder.CurrentAsync(pending.Id)).Pdf;
        var folder = Directory.CreateTempSubdirectory("mys-export-test-").FullName;
        try
        {
            var pkcs12 = Path.Combine(folder, "seal.p12");
            await File.WriteAllBytesAsync(pkcs12, SealPkcs12(fx.App.Services.GetRequiredService<DevPkiHierarchy>(), "mühür-parolası"));
            var zipPath = Path.Combine(folder, "ibraz.zip");

            var (code, output) = await MysAsync(new Dictionary<string, string> { ["Mys:Seal:Pkcs12Path"] = pkcs12, ["Mys:Seal:Pkcs12Password"] = "mühür-parolası" },
                "export", "--connection", fx.ConnectionString, "--accounting-unit", await UnitCodeAsync(), "--from", Today, "--to", Today, "--out", zipPath);

            code.ShouldBe(CommandLine.Ok, output);
            File.Exists(zipPath + ".partial").ShouldBeFalse();
            var bundles = Extract(zipPath, folder);
            bundles.Count.ShouldBeGreaterThanOrEqualTo(4, "the demo's two signed ÖEBs and the two seeded ones");
            var root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, PemEncoding.WriteString("CERTIFICATE", fx.App.Services.GetRequiredService<DevPkiHierarchy>().Root.CertificateDer));

            var (verified, report) = await MysAsync(null, ["verify", .. bundles.Values, "--offline", "--trust", root]);

            verified.ShouldBe(0, report);
            report.ShouldNotContain("INDETERMINATE");
            var pendingBundle = bundles.Single(b => b.Key.Contains(Slug(pending.Number), StringComparison.Ordinal)).Value;
            bundles.ShouldContain(b => b.Key.Contains(Slug(accepted.Number), StringComparison.Ordinal));
            var exportedPdf = ReadEntry(pendingBundle, "oeb.pdf");
            exportedPdf.AsSpan(0, pendingStored.Length).SequenceEqual(pendingStored).ShouldBeTrue("the /DSS is an incremental update of the stored ÖEB");
            System.Text.Encoding.Latin1.GetString(exportedPdf).ShouldContain("/DSS");
            (await fx.Seeder.CurrentAsync(pending.Id)).Pdf.ShouldBe(pendingStored, "the stored document is not changed");

            var tampered = Path.Combine(folder, "tampered.asice");
            File.Copy(pendingBundle, tampered);
            Tamper(tampered, "oeb.pdf");
            (await MysAsync(null, "verify", tampered, "--offline", "--trust", root)).Code.ShouldBe(1);

            await using var scope = fx.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            (await db.AuditEntries.AnyAsync(a => a.Action == "AuditExportDownloaded" && a.EntityId == Au1.ToString() && a.UserName == "mys export"))
                .ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_page_export_with_the_dev_seal_also_verifies_offline()
    {
        await fx.Seeder.SeedSentAsync();
        var officer = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingOfficer).Tckn);
        // One accepted with the accounting officer's own e-signature ("Kayda Al ve e-İmzala"): three signatures and /DSS.
        var officerSigned = await fx.Seeder.SeedSentAsync();
        (await SigningApi.SignAsync(officer, DevCardSigner.For(fx.App.Services, Role.AccountingOfficer), officerSigned.Id)).Items.Single().Ok.ShouldBeTrue();
        var response = await MysAppFactory.PostFormAsync(officer, $"/Units/{Au1}/Inbox/Export",
            new Dictionary<string, string> { ["From"] = Today, ["To"] = Today }, $"/Units/{Au1}/Inbox/Export");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var folder = Directory.CreateTempSubdirectory("mys-export-page-").FullName;
        try
        {
            var zipPath = Path.Combine(folder, "ibraz.zip");
            await File.WriteAllBytesAsync(zipPath, await response.Content.ReadAsByteArrayAsync());
            var root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, PemEncoding.WriteString("CERTIFICATE", fx.App.Services.GetRequiredService<DevPkiHierarchy>().Root.CertificateDer));

            var bundles = Extract(zipPath, folder);
            var (code, report) = await MysAsync(null, ["verify", .. bundles.Values, "--offline", "--trust", root]);

            code.ShouldBe(0, report);
            var officerBundle = bundles.Single(b => b.Key.Contains(Slug(officerSigned.Number), StringComparison.Ordinal)).Value;
            var officerPdf = System.Text.Encoding.Latin1.GetString(ReadEntry(officerBundle, "oeb.pdf"));
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
        File.WriteAllBytes(file, SealPkcs12(pki, "doğru"));
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

    [Fact]
    public async Task Mys_export_refuses_bad_arguments_and_unknown_units()
    {
        (await MysAsync(null, "export", "--connection", fx.ConnectionString, "--accounting-unit", "X")).Code.ShouldBe(CommandLine.Usage);
        (await MysAsync(null, "export", "--connection", fx.ConnectionString, "--accounting-unit", "X", "--from", "2026-02-01", "--to", "2026-01-01", "--out", "/tmp/x.zip"))
            .Code.ShouldBe(CommandLine.Usage);
        (await MysAsync(null, "export", "--connection", fx.ConnectionString, "--accounting-unit", "YOK-999", "--from", Today, "--to", Today, "--out", "/tmp/x.zip"))
            .Output.ShouldContain("no accounting unit");
    }

    private async Task<string> UnitCodeAsync()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().AccountingUnits.Where(u => u.Id == Au1).Select(u => u.Code).SingleAsync();
    }

    private async Task<(int Code, string Output)> MysAsync(IDictionary<string, string>? extra, params string[] args)
    {
        var settings = new Dictionary<string, string?>(fx.Settings.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return (code, stdout + stderr.ToString());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>A PKCS#12 holding the dev PKI's seal certificate, its key and its CA chain, as an operator would provide.</summary>
    private static byte[] SealPkcs12(DevPkiHierarchy pki, string password)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pki.SystemSeal.Pkcs8PrivateKey, out _);
        using var certificate = X509CertificateLoader.LoadCertificate(pki.SystemSeal.CertificateDer);
        using var withKey = certificate.CopyWithPrivateKey(rsa);
        var collection = new X509Certificate2Collection { withKey };
        foreach (var ca in pki.ChainFor(pki.SystemSeal))
        {
            collection.Add(X509CertificateLoader.LoadCertificate(ca.GetEncoded()));
        }

        return collection.Export(X509ContentType.Pkcs12, password)!;
    }

    private static Dictionary<string, string> Extract(string zipPath, string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, entry.Name);
            entry.ExtractToFile(path);
            result[entry.Name] = path;
        }

        return result;
    }

    private static byte[] ReadEntry(string bundle, string name)
    {
        using var zip = ZipFile.OpenRead(bundle);
        using var source = zip.GetEntry(name)!.Open();
        using var target = new MemoryStream();
        source.CopyTo(target);
        return target.ToArray();
    }

    private static void Tamper(string bundle, string name)
    {
        var bytes = ReadEntry(bundle, name);
        bytes[bytes.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;
        using var zip = ZipFile.Open(bundle, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
        using var target = zip.CreateEntry(name).Open();
        target.Write(bytes);
    }

    private static string Slug(string number) => new(number.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
