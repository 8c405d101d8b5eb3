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
/// compared with the typed R9 fields on the accounting unit's review page: what both classes of such tests use.
/// </summary>
public abstract class InvoiceOcrTestBase(AccountingFixture fx)
{
    protected AccountingFixture Fx => fx;

    protected const string PayeeVkn = "4540536920";

    protected static readonly Guid Au1 = DemoData.AccountingUnitId;

    protected static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    protected static DateOnly LastWeek => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).AddDays(-7);

    protected async Task<long> QueuedAsync(params string[] hashes)
    {
        await using var command = fx.App.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("SELECT count(*) FROM \"InvoiceOcrQueue\" WHERE \"Sha256\" = ANY($1::bpchar[])");
        command.Parameters.AddWithValue(hashes);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected static string Review(Guid id) => $"/Units/{Au1}/Inbox/{id}";

    protected static List<string?> Outcomes(JsonElement invoice) =>
        invoice.GetProperty("ocr").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("outcome").GetString()).ToList();

    protected async Task<Guid> SeedAsync(params (InvoiceScan Scan, InvoiceDetails Typed)[] invoices)
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
    protected async Task RunJobAsync(OcrOptions options, DateTimeOffset? now = null)
    {
        using var scope = fx.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        using var reader = new TesseractInvoiceReader(options, NullLogger<TesseractInvoiceReader>.Instance);
        var job = new InvoiceOcrJob(new ReadQueuedInvoices(services.GetRequiredService<MysDbContext>(), new InvoiceOcrQueueStore(services.GetRequiredService<NpgsqlDataSource>()),
            services.GetRequiredService<IAttachmentStore>(), reader, NullLogger<ReadQueuedInvoices>.Instance));
        await job.RunAsync(now ?? DateTimeOffset.UtcNow, CancellationToken.None);
    }

    protected async Task<List<InvoiceOcrResult>> OcrRowsAsync(params string[] hashes)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.InvoiceOcrResults.AsNoTracking().Where(r => hashes.Contains(r.Sha256)).ToListAsync();
    }
}

/// <summary>
/// The job's failures and retries on the review page, with one real tesseract read (a 150 dpi scan); the reading of PNG
/// and PDF scans and the batch order are <see cref="InvoiceOcrReadingTests"/> (slow: tesseract on five more pages).
/// </summary>
public sealed class InvoiceOcrTests(AccountingFixture fixture) : InvoiceOcrTestBase(fixture), IClassFixture<AccountingFixture>
{
    [Fact]
    public async Task Without_tesseract_the_page_says_okunamadi_with_the_reason_and_the_file_is_retried_later()
    {
        var scan = InvoiceScanGenerator.Generate(new InvoiceScanSpec("ABC2025000000999", PayeeVkn, LastWeek, InvoiceLayout.TwoColumn,
            DejaVuFontResolver.MonoFamily, 9.5, 150, 0, 0, AsPdf: false, Seed: 13));
        var order = await SeedAsync((scan, new InvoiceDetails("ABC2025000000999", PayeeVkn, LastWeek)));
        var client = await Fx.App.LoginAsync(Tckn(Role.AccountingOfficer));
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
}
