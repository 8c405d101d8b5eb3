using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Scheduling;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>
/// Reads the scanned invoices (document type Fatura, a stored file) of ÖEBs sent to an accounting unit with
/// <see cref="TesseractInvoiceReader"/> and stores the text by the file's SHA-256 in <c>InvoiceOcrResults</c>: newest
/// sent first, <see cref="OcrOptions.BatchSize"/> files a run (none started after <see cref="OcrOptions.MaxRunMinutes"/>), failures tried again after
/// <see cref="OcrOptions.RetryAfterMinutes"/> up to <see cref="OcrOptions.MaxAttempts"/> times (another instance may
/// have tesseract). Idempotent: a file already read is never read again, and a failure never overwrites a read.
/// </summary>
public sealed class InvoiceOcrJob(MysDbContext db, NpgsqlDataSource dataSource, IAttachmentStore store, TesseractInvoiceReader reader, ILogger<InvoiceOcrJob> logger)
    : IScheduledJob
{
    public const string Name = "invoice-ocr";

    /// <summary>Every minute: sent invoices are read soon after they arrive.</summary>
    public const string Cron = "0 * * * * ?";

    private sealed record WorkItem(string Sha256, string? MediaType);

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = reader.Options;
        if (!options.Enabled)
        {
            return;
        }

        var work = await PendingAsync(now, options, cancellationToken);
        if (work.Count == 0)
        {
            return;
        }

        var read = 0;
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromMinutes(options.MaxRunMinutes);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (Stopwatch.GetElapsedTime(started) > budget)
                {
                    return;
                }

                var outcome = await ReadAsync(item, ct);
                await SaveAsync(item.Sha256, outcome, now, ct);
                if (outcome.Succeeded)
                {
                    Interlocked.Increment(ref read);
                    logger.LogInformation("OCR read invoice file {Sha256}: {Pages} page(s), {Chars} characters in {Ms} ms",
                        item.Sha256, outcome.Pages, outcome.Text!.Length, (int)outcome.Duration.TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    logger.LogWarning("OCR of invoice file {Sha256} failed: {Error}", item.Sha256, outcome.Error);
                }
            });

        db.RecordEvent("InvoiceOcrRun", "Ocr", Name, JsonSerializer.Serialize(new { at = now, read, failed, left = work.Count - read - failed }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The files this run should read (also used by tests and the accuracy measurement).</summary>
    private async Task<List<WorkItem>> PendingAsync(DateTimeOffset now, OcrOptions options, CancellationToken cancellationToken)
    {
        var retryBefore = now.ToUniversalTime().AddMinutes(-options.RetryAfterMinutes);
        int[] sent = [(int)PaymentOrderStatus.SentToAccounting, (int)PaymentOrderStatus.Accepted, (int)PaymentOrderStatus.Returned];
        return await db.Database.SqlQuery<WorkItem>($"""
            SELECT a."Sha256" AS "Sha256", min(a."MediaType") AS "MediaType"
            FROM "PaymentOrderAttachments" a
            JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
            LEFT JOIN "InvoiceOcrResults" r ON r."Sha256" = a."Sha256"
            WHERE a."DocumentTypeCode" = {DocumentTypeCodes.Invoice} AND a."Sha256" IS NOT NULL AND o."Status" = ANY({sent})
              AND (r."Sha256" IS NULL OR (r."Status" = {(int)InvoiceOcrStatus.Failed} AND r."Attempts" < {options.MaxAttempts} AND r."AttemptedAt" < {retryBefore}))
            GROUP BY a."Sha256"
            ORDER BY max(o."SentAt") DESC NULLS LAST
            LIMIT {options.BatchSize}
            """).ToListAsync(cancellationToken);
    }

    private async Task<OcrOutcome> ReadAsync(WorkItem item, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(item.Sha256.Trim(), cancellationToken);
        return content is null
            ? new OcrOutcome(false, null, "Dosya depoda bulunamadı.", reader.Engine, 0, TimeSpan.Zero)
            : await reader.ReadAsync(content, ContentKinds.FromMediaType(item.MediaType), cancellationToken);
    }

    private async Task SaveAsync(string sha256, OcrOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Error", "Engine", "Pages", "DurationMs", "Attempts", "AttemptedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
            ON CONFLICT ("Sha256") DO UPDATE SET "Status" = EXCLUDED."Status", "Text" = EXCLUDED."Text", "Error" = EXCLUDED."Error",
                "Engine" = EXCLUDED."Engine", "Pages" = EXCLUDED."Pages", "DurationMs" = EXCLUDED."DurationMs",
                "Attempts" = "InvoiceOcrResults"."Attempts" + 1, "AttemptedAt" = EXCLUDED."AttemptedAt"
            WHERE "InvoiceOcrResults"."Status" <> 1
            """);
        command.Parameters.AddWithValue(sha256);
        command.Parameters.AddWithValue((int)(outcome.Succeeded ? InvoiceOcrStatus.Read : InvoiceOcrStatus.Failed));
        command.Parameters.AddWithValue((object?)outcome.Text?.Replace("\0", string.Empty, StringComparison.Ordinal) ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)outcome.Error ?? DBNull.Value);
        var engine = string.Create(CultureInfo.InvariantCulture, $"{outcome.Engine} @ {Environment.MachineName}");
        command.Parameters.AddWithValue(engine.Length > 200 ? engine[..200] : engine);
        command.Parameters.AddWithValue(outcome.Pages);
        command.Parameters.AddWithValue((int)outcome.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
