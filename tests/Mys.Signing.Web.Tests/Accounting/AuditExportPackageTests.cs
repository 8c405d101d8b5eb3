using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Export;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Pages.Accounting;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>
/// Export packages: the audit-export-packages job prepares what costs CPU in a bundle once, an export streams it, and a
/// package is never used once what it was built from has changed (the ÖEB returned, its invoice read by OCR) or when the
/// stored attachment no longer has the bytes it was sealed with.
/// </summary>
public sealed class AuditExportPackageTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    [Fact]
    public async Task The_job_packages_a_sent_oeb_once_and_every_export_streams_the_same_bundle_from_it()
    {
        var (seeded, scan) = await SeedWithScanAsync(11);
        (await DueAsync()).ShouldContain(seeded.Id);

        await RunJobAsync();

        (await DueAsync()).ShouldNotContain(seeded.Id);
        var package = (await PackageAsync(seeded.Id)).ShouldNotBeNull();
        package.OebPdf.ShouldNotBeNull("a B-T revision is packaged as a copy with /DSS");
        package.DocumentSha256.ShouldBe((await fx.Seeder.CurrentAsync(seeded.Id)).Document.CurrentSha256.Trim());

        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            using var loaded = (await scope.ServiceProvider.GetRequiredService<AuditExportPackager>().LoadForExportAsync(seeded.Id, default)).ShouldNotBeNull();
            loaded.OebPdf.ShouldNotBeNull().ToArray().ShouldBe(package.OebPdf, "the export's pooled read gives the packaged ÖEB PDF exactly");
            loaded.Package.ShouldBeEquivalentTo(new AuditExportPackage
            {
                PaymentOrderId = package.PaymentOrderId, DocumentSha256 = package.DocumentSha256, OrderRowVersion = package.OrderRowVersion,
                OcrStamp = package.OcrStamp, BuiltAt = package.BuiltAt, BundleName = package.BundleName, Entries = package.Entries,
                Manifest = package.Manifest, Seal = package.Seal, Report = package.Report,
            });
        }

        var first = await ExportAsync(seeded.Id);
        var second = await ExportAsync(seeded.Id);

        second.Bundle.ShouldBe(first.Bundle, "the same package gives the same bundle, byte for byte");
        (await PackageAsync(seeded.Id))!.BuiltAt.ShouldBe(package.BuiltAt, "a fresh package is used, not built again");
        using var bundle = new ZipArchive(new MemoryStream(first.Bundle), ZipArchiveMode.Read);
        Read(bundle, "META-INF/ASiCManifest.xml").ShouldBe(package.Manifest);
        Read(bundle, "META-INF/signature.p7s").ShouldBe(package.Seal);
        Read(bundle, "oeb.pdf").ShouldBe(package.OebPdf);
        SHA256.HashData(Read(bundle, "fatura.pdf")).ShouldBe(SHA256.HashData(scan));
        first.Report.GetProperty("allHold").GetBoolean().ShouldBeTrue(first.Report.GetProperty("problems").ToString());
    }

    [Fact]
    public async Task A_package_is_built_again_after_the_oeb_is_returned_and_after_its_invoice_is_read_by_ocr()
    {
        var (seeded, scan) = await SeedWithScanAsync(12);
        await RunJobAsync();
        var before = (await PackageAsync(seeded.Id)).ShouldNotBeNull();

        var staff = await fx.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.AccountingStaff).Tckn);
        (await MysAppFactory.PostFormAsync(staff, $"/Units/{DemoData.AccountingUnitId}/Inbox/{seeded.Id}?handler=Return",
            new Dictionary<string, string> { ["reason"] = "Fatura tarihi hatalı." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await DueAsync()).ShouldContain(seeded.Id, "the ÖEB row changed");
        var returned = await ExportAsync(seeded.Id);
        returned.Report.GetProperty("status").GetString().ShouldBe(PaymentOrderStatus.Returned.TurkishName());
        var rebuilt = (await PackageAsync(seeded.Id)).ShouldNotBeNull();
        rebuilt.BuiltAt.ShouldBeGreaterThan(before.BuiltAt);
        rebuilt.OrderRowVersion.ShouldNotBe(before.OrderRowVersion);
        (await DueAsync()).ShouldNotContain(seeded.Id);
        Ocr(returned.Report).ShouldBe(InvoiceOcrLine.Pending);

        var sha = Convert.ToHexStringLower(SHA256.HashData(scan));
        await fx.Database.ExecuteAsync($"""
            INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Pages", "DurationMs", "Attempts", "AttemptedAt")
            VALUES ('{sha}', 1, 'FATURA No: FTR2026000012', 1, 10, 1, now())
            """);

        (await DueAsync()).ShouldContain(seeded.Id, "its invoice was read");
        Ocr((await ExportAsync(seeded.Id)).Report).ShouldBe(InvoiceOcrLine.Read);
        (await DueAsync()).ShouldNotContain(seeded.Id);
    }

    [Fact]
    public async Task An_attachment_changed_in_the_store_after_packaging_is_reported_failed_not_hidden_by_the_package()
    {
        var (seeded, scan) = await SeedWithScanAsync(13);
        await RunJobAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(scan));

        // A superuser edits the stored bytes behind the application's back.
        await fx.Database.ExecuteAsync($"""
            ALTER TABLE "AttachmentChunks" DISABLE TRIGGER USER;
            UPDATE "AttachmentChunks" SET "Data" = overlay("Data" placing '\x00ff'::bytea from 100 for 2)
            WHERE "BlobId" = (SELECT "BlobId" FROM "AttachmentBlobs" WHERE "Sha256" = '{sha}');
            ALTER TABLE "AttachmentChunks" ENABLE TRIGGER USER;
            """);

        var export = await ExportAsync(seeded.Id);

        export.Report.GetProperty("allHold").GetBoolean().ShouldBeFalse();
        export.Report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ShouldContain(p => p!.Contains("fatura.pdf", StringComparison.Ordinal));
        using var bundle = new ZipArchive(new MemoryStream(export.Bundle), ZipArchiveMode.Read);
        SHA256.HashData(Read(bundle, "fatura.pdf")).ShouldNotBe(SHA256.HashData(scan), "the bundle holds what the store holds now");
    }

    private async Task<(SeededPaymentOrder Order, byte[] Scan)> SeedWithScanAsync(int seed)
    {
        var scan = new byte[300_000];
        new Random(seed).NextBytes(scan);
        "%PDF-1.7\n"u8.CopyTo(scan);
        var stored = await fx.App.Services.GetRequiredService<IAttachmentStore>().SaveGeneratedAsync(scan, ContentKind.Pdf, default);
        var seeded = await fx.Seeder.SeedSentAsync(configure: order => order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = "fatura.pdf", SizeBytes = scan.Length,
            Sha256 = stored.Sha256, MediaType = "application/pdf",
            Invoice = new InvoiceDetails("FTR20260000" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "4540536920", order.DocumentDate.AddDays(-1)),
        }).Value));
        return (seeded, scan);
    }

    private async Task RunJobAsync()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var job = new AuditExportPackageJob(new BuildDuePackages(services.GetRequiredService<AuditExportPackager>(), new AuditExportPackageOptions(), services.GetRequiredService<MysDbContext>(),
            NullLogger<BuildDuePackages>.Instance));
        await job.RunAsync(DateTimeOffset.UtcNow, default);
    }

    private async Task<List<Guid>> DueAsync()
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditExportPackager>().DueAsync(10_000, default);
    }

    private async Task<AuditExportPackage?> PackageAsync(Guid id)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditExportPackager>().LoadAsync(id, default);
    }

    private async Task<(byte[] Bundle, JsonElement Report)> ExportAsync(Guid id)
    {
        using var output = new MemoryStream();
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ExportForAudit>().WriteAsync(output, [id], default)).ShouldBe(1);
        }

        output.Position = 0;
        using var archive = new ZipArchive(output, ZipArchiveMode.Read);
        var bundle = Read(archive, archive.Entries.Single(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)).FullName);
        var report = JsonDocument.Parse(Read(archive, archive.Entries.Single(e => e.Name.EndsWith("-dogrulama.json", StringComparison.Ordinal)).FullName));
        return (bundle, report.RootElement.Clone());
    }

    private static string? Ocr(JsonElement report) =>
        report.GetProperty("invoices").EnumerateArray().Single(i => i.GetProperty("fileName").GetString() == "fatura.pdf").GetProperty("ocr").GetProperty("state").GetString();

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var target = new MemoryStream();
        using (var source = zip.GetEntry(name)!.Open())
        {
            source.CopyTo(target);
        }

        return target.ToArray();
    }
}
