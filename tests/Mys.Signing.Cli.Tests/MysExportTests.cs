using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Cli.Commands;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Cli.Tests;

/// <summary>
/// <c>mys export</c> on a database the app seeded with signed ÖEBs: bundles whose seal is CAdES-LT and whose ÖEB PDFs carry
/// /DSS, which <c>mys verify --offline</c> (no OCSP/CRL reachable) passes; bad arguments are refused.
/// </summary>
public sealed class MysExportTests(SignedDemoAppFixture fx) : IClassFixture<SignedDemoAppFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Today => DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // The seeded template's demo ÖEBs were sent when the template was made: a run that crosses midnight in Turkey
    // finds them on the day before.
    private static string Yesterday => DateTime.UtcNow.AddHours(3).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
            await File.WriteAllBytesAsync(pkcs12, AuditExportFiles.SealPkcs12(fx.App.Services.GetRequiredService<DevPkiHierarchy>(), "mühür-parolası"));
            var zipPath = Path.Combine(folder, "ibraz.zip");

            var (code, output) = await MysAsync(new Dictionary<string, string> { ["Mys:Seal:Pkcs12Path"] = pkcs12, ["Mys:Seal:Pkcs12Password"] = "mühür-parolası" },
                "export", "--connection", fx.ConnectionString, "--accounting-unit", await UnitCodeAsync(), "--from", Yesterday, "--to", Today, "--out", zipPath);

            code.ShouldBe(CommandLine.Ok, output);
            File.Exists(zipPath + ".partial").ShouldBeFalse();
            var bundles = AuditExportFiles.ExtractBundles(zipPath, folder);
            bundles.Count.ShouldBeGreaterThanOrEqualTo(4, "the demo's two signed ÖEBs and the two seeded ones");
            var root = Path.Combine(folder, "root.pem");
            await File.WriteAllTextAsync(root, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", fx.App.Services.GetRequiredService<DevPkiHierarchy>().Root.CertificateDer));

            var (verified, report) = await MysAsync(null, ["verify", .. bundles.Values, "--offline", "--trust", root]);

            verified.ShouldBe(0, report);
            report.ShouldNotContain("INDETERMINATE");
            var pendingBundle = bundles.Single(b => b.Key.Contains(AuditExportFiles.Slug(pending.Number), StringComparison.Ordinal)).Value;
            bundles.ShouldContain(b => b.Key.Contains(AuditExportFiles.Slug(accepted.Number), StringComparison.Ordinal));
            var exportedPdf = AuditExportFiles.ReadEntry(pendingBundle, "oeb.pdf");
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

    private static void Tamper(string bundle, string name)
    {
        var bytes = AuditExportFiles.ReadEntry(bundle, name);
        bytes[bytes.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;
        using var zip = ZipFile.Open(bundle, ZipArchiveMode.Update);
        zip.GetEntry(name)!.Delete();
        using var target = zip.CreateEntry(name).Open();
        target.Write(bytes);
    }
}
