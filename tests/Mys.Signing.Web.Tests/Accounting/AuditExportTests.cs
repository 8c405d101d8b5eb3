using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>Export for audit (ibraz): a date range of the unit's signed ÖEBs as ASiC-E bundles plus reports in one ZIP.</summary>
public sealed class AuditExportTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private static string Today => TurkishDate(0);

    // Data made earlier in the run may fall on the day before when a run crosses midnight in Turkey (21:00 UTC).
    private static string Yesterday => TurkishDate(-1);

    private static string TurkishDate(int days) =>
        DateTime.UtcNow.AddHours(3).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_officer_downloads_bundles_and_reports_that_validate_and_the_download_is_audited()
    {
        var seeded = await fx.Seeder.SeedSentAsync();
        var officer = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));

        var response = await MysAppFactory.PostFormAsync(officer, $"/Units/{Au1}/Inbox/Export",
            new Dictionary<string, string> { ["From"] = Yesterday, ["To"] = Today }, $"/Units/{Au1}/Inbox/Export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        await using var body = await response.Content.ReadAsStreamAsync();
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var bundles = zip.Entries.Where(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)).ToList();
        var reports = zip.Entries.Where(e => e.Name.EndsWith("-dogrulama.json", StringComparison.Ordinal)).ToList();
        bundles.Count.ShouldBeGreaterThanOrEqualTo(3, "the demo's two signed ÖEBs and the seeded one");
        reports.Count.ShouldBe(bundles.Count);

        using var scope = fx.App.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<SigningSettings>();
        var http = scope.ServiceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(SignatureServicesRegistration.HttpClientName);
        var options = new ValidationOptions();
        foreach (var anchor in settings.TrustAnchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        var revocation = new HttpRevocationDataClient(http);
        var validator = new AsicContainerValidator(
            new SignatureValidator(options, revocation, TimeProvider.System),
            new SignatureValidator(AsicContainerValidator.SealOptions(options), revocation, TimeProvider.System),
            TimeProvider.System);
        foreach (var bundle in bundles)
        {
            using var copy = new MemoryStream();
            await using (var entry = bundle.Open())
            {
                await entry.CopyToAsync(copy);
            }

            copy.Position = 0;
            var verdict = await validator.ValidateAsync(copy);
            verdict.Indication.ShouldBe(Indication.TotalPassed, bundle.Name + ": " + verdict.Message);
            if (bundle == bundles[0])
            {
                // Kept for checking with the command line: mys verify audit-export-sample.asice --trust audit-export-root.pem
                await File.WriteAllBytesAsync(Path.Combine(Browser.BrowserFixture.ArtifactsDirectory, "audit-export-sample.asice"), copy.ToArray());
                await File.WriteAllTextAsync(Path.Combine(Browser.BrowserFixture.ArtifactsDirectory, "audit-export-root.pem"),
                    System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", settings.TrustAnchors[0]));
            }
        }

        var seededReport = reports.Single(r => r.Name.Contains("-" + new string(seeded.Number.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()) + "-v", StringComparison.Ordinal));
        await using (var json = seededReport.Open())
        {
            var report = (await JsonDocument.ParseAsync(json)).RootElement;
            report.GetProperty("problems").GetArrayLength().ShouldBe(0);
        }

        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(a => a.Action == "AuditExportDownloaded" && a.EntityId == Au1.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_ranges_get_a_turkish_message_and_staff_and_other_units_get_403()
    {
        var officer = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));
        var page = $"/Units/{Au1}/Inbox/Export";

        var reversed = await MysAppFactory.PostFormAsync(officer, page, new Dictionary<string, string> { ["From"] = "2030-01-02", ["To"] = "2030-01-01" }, page);
        (await reversed.Content.ReadAsStringAsync()).ShouldContain("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        var empty = await MysAppFactory.PostFormAsync(officer, page, new Dictionary<string, string> { ["From"] = "2020-01-01", ["To"] = "2020-01-31" }, page);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Bu dönemde birime gönderilmiş e-imzalı ÖEB yok.");
        var tooLong = await MysAppFactory.PostFormAsync(officer, page, new Dictionary<string, string> { ["From"] = "2020-01-01", ["To"] = "2022-01-01" }, page);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("en çok 366 günlük dönem");

        var staff = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));
        (await staff.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await officer.GetAsync($"/Units/{DemoData.OtherAccountingUnitId}/Inbox/Export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
