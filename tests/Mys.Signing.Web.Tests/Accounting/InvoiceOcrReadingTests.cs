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
/// The invoice-ocr job reading PNG and PDF scans with the real tesseract and the review page flagging a mistyped invoice
/// number; files read one batch at a time, newest first. Slow (docs/testing.md): tesseract on five pages, one of them a
/// PDF rasterised at 200 dpi; the fast subset keeps <see cref="InvoiceOcrTests"/> (one read, the failures and retries).
/// </summary>
[Trait("Speed", "Slow")]
public sealed class InvoiceOcrReadingTests(AccountingFixture fixture) : InvoiceOcrTestBase(fixture), IClassFixture<AccountingFixture>
{
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
        var client = await Fx.App.LoginAsync(Tckn(Role.AccountingStaff));

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
}
