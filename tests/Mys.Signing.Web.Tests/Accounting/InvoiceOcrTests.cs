using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Application.Invoices;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.TestSupport.Ocr;
using Mys.Signing.Web.Pages.Accounting;
using Npgsql;

namespace Mys.Signing.Web.Tests.Accounting;

/// <summary>
/// Scanned invoices read with the real tesseract (Debian's tesseract-ocr + tesseract-ocr-tur) by the invoice-ocr job and
/// compared with the typed R9 fields on the accounting unit's review page.
/// </summary>
public sealed class InvoiceOcrTests(AccountingFixture fx) : IClassFixture<AccountingFixture>
{
    private const string PayeeVkn = "4540536920";

    private static readonly Guid Au1 = DemoData.AccountingUnitId;

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private static DateOnly LastWeek => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).AddDays(-7);

    [Fact]
    public async Task The_job_reads_png_and_pdf_scans_and_the_review_page_flags_a_mistyped_invoice_number()
    {
        var png = InvoiceScanGenerator.Generate(new InvoiceScanSpec("ABC2025000000123", PayeeVkn, LastWeek, InvoiceLayout.EArchive,
            DejaVuFontResolver.Family, 10.5, 200, 0.6, 0.3, AsPdf: false, Seed: 11));
        var pdf = InvoiceScanGenerator.Generate(new InvoiceScanSpec("B 004512", PayeeVkn, LastWeek, InvoiceLayout.Paper,
            DejaVuFontResolver.SerifFamily, 11, 200, -0.8, 0.3, AsPdf: true, Seed: 12));
        var order = await SeedAsync(
            (png, new InvoiceDetails("ABC2025000000123", PayeeVkn, LastWeek)),
            (pdf, new InvoiceDetails("B 004521", PayeeVkn, LastWeek)));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingStaff));

        var before = await client.GetStringAsync(Review(order));
        // The PDF holds a 200 dpi scan: rasterised at that resolution tesseract sees the scan's own pixels (the default 300 dpi
        // only upsamples them, at 2.25 times the OCR work).
        var nativeDpi = new OcrOptions { Dpi = 200 };
        await RunJobAsync(nativeDpi);
        var html = await client.GetStringAsync(Review(order));
        var report = JsonDocument.Parse(await client.GetStringAsync(Review(order) + "?handler=Json")).RootElement;

        before.ShouldContain("Görüntüden okunan (OCR)");
        before.ShouldContain("henüz okunmadı");
        html.ShouldNotContain("data-ocr=\"pending\"");
        var invoices = report.GetProperty("invoices").EnumerateArray().Where(i => i.GetProperty("ocr").ValueKind == JsonValueKind.Object).ToList();
        invoices.Count.ShouldBe(2);
        invoices.ShouldAllBe(i => i.GetProperty("ocr").GetProperty("state").GetString() == InvoiceOcrLine.Read);
        Outcomes(invoices[0]).ShouldBe(["Agrees", "Agrees", "Agrees"], "the PNG scan typed correctly");
        Outcomes(invoices[1]).ShouldBe(["Disagrees", "Agrees", "Agrees"], "the PDF scan's invoice number was mistyped");
        var number = invoices[1].GetProperty("ocr").GetProperty("fields")[0];
        number.GetProperty("typed").GetString().ShouldBe("B 004521");
        number.GetProperty("read").GetString()!.Replace(" ", string.Empty, StringComparison.Ordinal).ShouldBe("B004512");
        html.ShouldContain("data-ocr=\"disagrees\"");
        html.ShouldContain("girilenden farklı");
        html.ShouldContain("data-ocr-differences=\"1\"");
        before.ShouldNotContain("data-ocr-differences");
        report.GetProperty("problems").EnumerateArray().ShouldNotContain(p => p.GetString()!.Contains("OCR", StringComparison.Ordinal), "OCR is advisory");
        var pdfReport = await client.GetAsync(Review(order) + "?handler=Pdf");
        pdfReport.StatusCode.ShouldBe(HttpStatusCode.OK);
        Tools.Run("pdftotext", await Tools.WriteTempAsync(await pdfReport.Content.ReadAsByteArrayAsync(), ".pdf"), "-").Output.ShouldContain("FARKLI");

        await RunJobAsync(nativeDpi);
        var rows = await OcrRowsAsync(png.Sha256, pdf.Sha256);
        rows.ShouldAllBe(r => r.Status == InvoiceOcrStatus.Read && r.Attempts == 1, "a file already read is not read again");
        rows.Single(r => r.Sha256 == pdf.Sha256).Pages.ShouldBe(1);
    }

    [Fact]
    public async Task Without_tesseract_the_page_says_okunamadi_with_the_reason_and_the_file_is_retried_later()
    {
        var scan = InvoiceScanGenerator.Generate(new InvoiceScanSpec("ABC2025000000999", PayeeVkn, LastWeek, InvoiceLayout.TwoColumn,
            DejaVuFontResolver.MonoFamily, 9.5, 150, 0, 0, AsPdf: false, Seed: 13));
        var order = await SeedAsync((scan, new InvoiceDetails("ABC2025000000999", PayeeVkn, LastWeek)));
        var client = await fx.App.LoginAsync(Tckn(Role.AccountingOfficer));
        var missing = new OcrOptions { TesseractPath = "/nonexistent/tesseract" };

        await RunJobAsync(missing);
        var response = await client.GetAsync(Review(order));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-ocr=\"failed\"");
        html.ShouldContain("Görüntü okunamadı (OCR): tesseract: tesseract bu sunucuda bulunamadı");
        var row = (await OcrRowsAsync(scan.Sha256)).Single();
        row.Status.ShouldBe(InvoiceOcrStatus.Failed);

        await RunJobAsync(new OcrOptions(), DateTimeOffset.UtcNow);
        (await OcrRowsAsync(scan.Sha256)).Single().Attempts.ShouldBe(1, "not retried before Mys:Ocr:RetryAfterMinutes");
        await RunJobAsync(new OcrOptions(), DateTimeOffset.UtcNow.AddHours(2));
        var retried = (await OcrRowsAsync(scan.Sha256)).Single();
        retried.Status.ShouldBe(InvoiceOcrStatus.Read);
        retried.Attempts.ShouldBe(2);
        (await client.GetStringAsync(Review(order))).ShouldContain("data-ocr=\"agrees\"");
    }

    [Fact]
    public async Task Older_files_are_still_read_one_batch_at_a_time_newest_sent_first()
    {
        // What is read does not matter here, only that and when each file is read: small 100 dpi scans keep the OCR cheap.
        var scans = Enumerable.Range(0, 3).Select(i => InvoiceScanGenerator.Generate(new InvoiceScanSpec($"ABC202500000070{i}", PayeeVkn, LastWeek,
            InvoiceLayout.TwoColumn, DejaVuFontResolver.MonoFamily, 9.5, 100, 0, 0, AsPdf: false, Seed: 70 + i))).ToList();
        foreach (var scan in scans)
        {
            await SeedAsync((scan, new InvoiceDetails(scan.Spec.InvoiceNumber, PayeeVkn, LastWeek)));
        }

        var oneAtATime = new OcrOptions { BatchSize = 1 };
        var readOrder = new List<string>();
        var start = DateTimeOffset.UtcNow;
        for (var run = 0; run < 20 && readOrder.Count < scans.Count; run++)
        {
            await RunJobAsync(oneAtATime, start.AddMinutes(run));
            readOrder.AddRange((await OcrRowsAsync([.. scans.Select(s => s.Sha256)]))
                .Where(r => r.Status == InvoiceOcrStatus.Read).Select(r => r.Sha256).Except(readOrder));
        }

        readOrder.ShouldBe(scans.Select(s => s.Sha256).Reverse().ToList(), "every file is read once, the newest sent first, the oldest last");
        (await QueuedAsync([.. scans.Select(s => s.Sha256)])).ShouldBe(0, "read files leave the queue");
    }

    [Fact]
    public async Task A_file_that_failed_MaxAttempts_times_is_not_tried_again_and_leaves_the_queue()
    {
        var scan = InvoiceScanGenerator.Generate(new InvoiceScanSpec("ABC2025000000888", PayeeVkn, LastWeek, InvoiceLayout.TwoColumn,
            DejaVuFontResolver.MonoFamily, 9.5, 150, 0, 0, AsPdf: false, Seed: 88));
        await SeedAsync((scan, new InvoiceDetails("ABC2025000000888", PayeeVkn, LastWeek)));
        var missing = new OcrOptions { TesseractPath = "/nonexistent/tesseract" };
        var start = DateTimeOffset.UtcNow;

        for (var attempt = 0; attempt < missing.MaxAttempts; attempt++)
        {
            (await QueuedAsync(scan.Sha256)).ShouldBe(1, "queued until its attempts are used up");
            await RunJobAsync(missing, start.AddHours(2 * attempt));
        }

        (await QueuedAsync(scan.Sha256)).ShouldBe(0);
        await RunJobAsync(new OcrOptions(), start.AddHours(10));
        var row = (await OcrRowsAsync(scan.Sha256)).Single();
        row.Status.ShouldBe(InvoiceOcrStatus.Failed);
        row.Attempts.ShouldBe(missing.MaxAttempts, "not tried a fourth time");
    }

    private async Task<long> QueuedAsync(params string[] hashes)
    {
        await using var command = fx.App.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("SELECT count(*) FROM \"InvoiceOcrQueue\" WHERE \"Sha256\" = ANY($1::bpchar[])");
        command.Parameters.AddWithValue(hashes);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Review(Guid id) => $"/Units/{Au1}/Inbox/{id}";

    private static List<string?> Outcomes(JsonElement invoice) =>
        invoice.GetProperty("ocr").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()).ToList();

    private async Task<Guid> SeedAsync(params (InvoiceScan Scan, InvoiceDetails Typed)[] invoices)
    {
        var stored = new List<(InvoiceScan Scan, InvoiceDetails Typed, string Sha256)>();
        using (var scope = fx.App.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IAttachmentStore>();
            foreach (var (scan, typed) in invoices)
            {
                using var content = new MemoryStream(scan.Bytes, writable: false);
                var saved = await store.SaveAsync(content, scan.Kind, long.MaxValue, CancellationToken.None);
                stored.Add((scan, typed, saved.IsSuccess ? saved.Value.Sha256 : throw new InvalidOperationException(saved.Error!.ToString())));
            }
        }

        var seeded = await fx.Seeder.SeedSentAsync(configure: order =>
        {
            foreach (var (scan, typed, sha) in stored)
            {
                order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
                {
                    DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = scan.FileName, SizeBytes = scan.Bytes.Length,
                    Sha256 = sha, MediaType = scan.MediaType, Invoice = typed,
                }).Value);
            }
        });
        return seeded.Id;
    }

    // The job as the scheduler runs it, with the given reader settings (the fixture's app has OCR off, so nothing runs in the background).
    private async Task RunJobAsync(OcrOptions options, DateTimeOffset? now = null)
    {
        using var scope = fx.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        using var reader = new TesseractInvoiceReader(options, NullLogger<TesseractInvoiceReader>.Instance);
        var job = new InvoiceOcrJob(new ReadQueuedInvoices(services.GetRequiredService<MysDbContext>(), new InvoiceOcrQueueStore(services.GetRequiredService<NpgsqlDataSource>()),
            services.GetRequiredService<IAttachmentStore>(), reader, NullLogger<ReadQueuedInvoices>.Instance));
        await job.RunAsync(now ?? DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<List<InvoiceOcrResult>> OcrRowsAsync(params string[] hashes)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.InvoiceOcrResults.AsNoTracking().Where(r => hashes.Contains(r.Sha256)).ToListAsync();
    }
}
