using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Scheduling;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>
/// Reads the scanned invoices (document type Fatura, a stored file) of ÖEBs sent to an accounting unit with
/// <see cref="TesseractInvoiceReader"/> and stores the text by the file's SHA-256 in <c>InvoiceOcrResults</c>. The files
/// come from <c>InvoiceOcrQueue</c> (<see cref="InvoiceOcrQueueItem"/>, filled by triggers when an ÖEB is sent), newest
/// sent first through its index, so a run costs the same with 100 or 1,000,000 sent ÖEBs; <see cref="OcrOptions.BatchSize"/> files a run (none started after <see cref="OcrOptions.MaxRunMinutes"/>), failures tried again after
/// <see cref="OcrOptions.RetryAfterMinutes"/> up to <see cref="OcrOptions.MaxAttempts"/> times (another instance may
/// have tesseract). Idempotent: a file already read is never read again, and a failure never overwrites a read.
/// </summary>
public sealed class InvoiceOcrJob(MysDbContext db, NpgsqlDataSource dataSource, IAttachmentStore store, TesseractInvoiceReader reader, ILogger<InvoiceOcrJob> logger)
    : IScheduledJob
{
    public const string Name = "invoice-ocr";

    /// <summary>Every minute: sent invoices are read soon after they arrive.</summary>
    public const string Cron = "0 * * * * ?";

    private sealed record WorkItem(string Sha256, string? MediaType, bool Due);

    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = reader.Options;
        if (!options.Enabled)
        {
            return;
        }

        var queued = await QueuedAsync(now, options, cancellationToken);
        if (queued.Count == 0)
        {
            return;
        }

        // Rows whose file was read meanwhile, has used up its attempts or waits for its retry time: leave or requeue.
        var settled = queued.Where(i => !i.Due).Select(i => i.Sha256).ToArray();
        if (settled.Length > 0)
        {
            await using var batch = dataSource.CreateBatch();
            AddSettle(batch, settled, options);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        var work = queued.Where(i => i.Due).ToList();

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
                await SaveAsync(item.Sha256, outcome, now, options, ct);
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

    /// <summary>
    /// The due queue rows of a run, newest sent first, each with whether its file is to be read now (no result yet, or
    /// a failure whose retry time has come and attempts are left). Public so tests and the measurement can EXPLAIN it.
    /// </summary>
    public static NpgsqlCommand QueuedCommand(NpgsqlDataSource dataSource, DateTimeOffset now, OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        var command = dataSource.CreateCommand($"""
            SELECT q."Sha256", q."MediaType",
                   r."Sha256" IS NULL OR (r."Status" = {(int)InvoiceOcrStatus.Failed} AND r."Attempts" < $2 AND r."AttemptedAt" < $3) AS "Due"
            FROM "InvoiceOcrQueue" q
            LEFT JOIN "InvoiceOcrResults" r ON r."Sha256" = q."Sha256"
            WHERE q."NotBefore" <= $1
            ORDER BY q."SentAt" DESC
            LIMIT $4
            """);
        var at = now.ToUniversalTime();
        command.Parameters.AddWithValue(at);
        command.Parameters.AddWithValue(options.MaxAttempts);
        command.Parameters.AddWithValue(at.AddMinutes(-options.RetryAfterMinutes));
        command.Parameters.AddWithValue(options.BatchSize);
        return command;
    }

    private async Task<List<WorkItem>> QueuedAsync(DateTimeOffset now, OcrOptions options, CancellationToken cancellationToken)
    {
        await using var command = QueuedCommand(dataSource, now, options);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<WorkItem>();
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new WorkItem(rows.GetString(0), await rows.IsDBNullAsync(1, cancellationToken) ? null : rows.GetString(1), rows.GetBoolean(2)));
        }

        return items;
    }

    /// <summary>Deletes the queue rows of files read or out of attempts; a failed file's row waits until its retry time.</summary>
    private static void AddSettle(NpgsqlBatch batch, string[] hashes, OcrOptions options)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            DELETE FROM "InvoiceOcrQueue" q USING "InvoiceOcrResults" r
            WHERE q."Sha256" = ANY($1::bpchar[]) AND r."Sha256" = q."Sha256" AND (r."Status" = {(int)InvoiceOcrStatus.Read} OR r."Attempts" >= $2)
            """) { Parameters = { new() { Value = hashes }, new() { Value = options.MaxAttempts } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE "InvoiceOcrQueue" q SET "NotBefore" = r."AttemptedAt" + make_interval(mins => $2)
            FROM "InvoiceOcrResults" r
            WHERE q."Sha256" = ANY($1::bpchar[]) AND r."Sha256" = q."Sha256" AND r."Status" = {(int)InvoiceOcrStatus.Failed}
            """) { Parameters = { new() { Value = hashes }, new() { Value = options.RetryAfterMinutes } } });
    }

    private async Task<OcrOutcome> ReadAsync(WorkItem item, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(item.Sha256.Trim(), cancellationToken);
        return content is null
            ? new OcrOutcome(false, null, "Dosya depoda bulunamadı.", reader.Engine, 0, TimeSpan.Zero)
            : await reader.ReadAsync(content, ContentKinds.FromMediaType(item.MediaType), cancellationToken);
    }

    // The result and the queue row change together (one implicit transaction per batch).
    private async Task SaveAsync(string sha256, OcrOutcome outcome, DateTimeOffset now, OcrOptions options, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var save = new NpgsqlBatchCommand("""
            INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Error", "Engine", "Pages", "DurationMs", "Attempts", "AttemptedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
            ON CONFLICT ("Sha256") DO UPDATE SET "Status" = EXCLUDED."Status", "Text" = EXCLUDED."Text", "Error" = EXCLUDED."Error",
                "Engine" = EXCLUDED."Engine", "Pages" = EXCLUDED."Pages", "DurationMs" = EXCLUDED."DurationMs",
                "Attempts" = "InvoiceOcrResults"."Attempts" + 1, "AttemptedAt" = EXCLUDED."AttemptedAt"
            WHERE "InvoiceOcrResults"."Status" <> 1
            """);
        save.Parameters.AddWithValue(sha256);
        save.Parameters.AddWithValue((int)(outcome.Succeeded ? InvoiceOcrStatus.Read : InvoiceOcrStatus.Failed));
        save.Parameters.AddWithValue((object?)outcome.Text?.Replace("\0", string.Empty, StringComparison.Ordinal) ?? DBNull.Value);
        save.Parameters.AddWithValue((object?)outcome.Error ?? DBNull.Value);
        var engine = string.Create(CultureInfo.InvariantCulture, $"{outcome.Engine} @ {Environment.MachineName}");
        save.Parameters.AddWithValue(engine.Length > 200 ? engine[..200] : engine);
        save.Parameters.AddWithValue(outcome.Pages);
        save.Parameters.AddWithValue((int)outcome.Duration.TotalMilliseconds);
        save.Parameters.AddWithValue(now.ToUniversalTime());
        batch.BatchCommands.Add(save);
        AddSettle(batch, [sha256], options);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
