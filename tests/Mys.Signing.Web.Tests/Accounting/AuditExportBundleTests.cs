using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>
/// How the export builds a bundle: attachments are copied from the store straight into it (a large one through a
/// temporary file that is gone afterwards), files that do not compress are stored, and the bundle's report validates
/// the bundle's own copy of the ÖEB with the validation data it carries.
/// </summary>
[Collection(SignedDemoAppCollection.Name)]
public sealed class AuditExportBundleTests(AccountingFixture fx)
{
    private const int ScanBytes = (5 * 1024 * 1024) + 321;

    [Fact]
    public async Task A_large_scan_is_stored_uncompressed_with_its_hash_in_the_manifest_no_temporary_file_is_left_and_the_report_uses_the_bundles_own_data()
    {
        var scan = new byte[ScanBytes];
        new Random(6).NextBytes(scan);
        "%PDF-1.7\n"u8.CopyTo(scan);
        var stored = await fx.App.Services.GetRequiredService<IAttachmentStore>().SaveGeneratedAsync(scan, ContentKind.Pdf, default);
        var seeded = await fx.Seeder.SeedSentAsync(configure: order => order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = "fatura-tarama.pdf", SizeBytes = ScanBytes,
            Sha256 = stored.Sha256, MediaType = "application/pdf",
            Invoice = new InvoiceDetails("FTR2026000042", "4540536920", order.DocumentDate.AddDays(-1)),
        }).Value));
        var temporaryBefore = TemporaryExportFiles();

        using var output = new MemoryStream();
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ExportForAudit>().WriteAsync(output, [seeded.Id], default)).ShouldBe(1);
        }

        TemporaryExportFiles().ShouldBe(temporaryBefore);
        output.Position = 0;
        using var archive = new ZipArchive(output, ZipArchiveMode.Read);
        var bundleEntry = archive.Entries.Single(e => e.Name.EndsWith(".asice", StringComparison.Ordinal));
        using var bundleBytes = new MemoryStream();
        await using (var source = bundleEntry.Open())
        {
            await source.CopyToAsync(bundleBytes);
        }

        bundleBytes.Position = 0;
        using var bundle = new ZipArchive(bundleBytes, ZipArchiveMode.Read);
        var scanEntry = bundle.GetEntry("fatura-tarama.pdf")!;
        scanEntry.Length.ShouldBe(ScanBytes);
        scanEntry.CompressedLength.ShouldBe(scanEntry.Length, "random bytes do not compress: stored, not deflated");
        await using (var copy = scanEntry.Open())
        {
            (await SHA256.HashDataAsync(copy)).ShouldBe(SHA256.HashData(scan));
        }

        var oeb = bundle.GetEntry("oeb.pdf")!;
        oeb.CompressedLength.ShouldBe(oeb.Length, "the ÖEB PDF is stored: deflating it at every export costs more than the bytes it saves");
        using (var manifest = new StreamReader(bundle.GetEntry("META-INF/ASiCManifest.xml")!.Open()))
        {
            (await manifest.ReadToEndAsync()).ShouldContain(Convert.ToBase64String(SHA256.HashData(scan)));
        }

        using var reportStream = archive.Entries.Single(e => e.Name.EndsWith("-dogrulama.json", StringComparison.Ordinal)).Open();
        using var report = await JsonDocument.ParseAsync(reportStream);
        report.RootElement.GetProperty("embeddedRevocationDataOnly").GetBoolean().ShouldBeTrue();
        report.RootElement.GetProperty("problems").GetArrayLength().ShouldBe(0, report.RootElement.GetProperty("problems").ToString());
        report.RootElement.GetProperty("allHold").GetBoolean().ShouldBeTrue();
    }

    private static string[] TemporaryExportFiles() => Directory.GetFiles(Path.GetTempPath(), "mys-export-*");
}
