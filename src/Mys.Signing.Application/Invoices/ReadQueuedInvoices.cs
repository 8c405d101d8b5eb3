using System.Diagnostics;
using System.Text.Json;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Invoices;

/// <summary>
/// Reads the scanned invoices (document type Fatura, a stored file) of ÖEBs sent to an accounting unit with
/// <see cref="TesseractInvoiceReader"/> and stores the text by the file's SHA-256 in <c>InvoiceOcrResults</c>. The files
/// come from <c>InvoiceOcrQueue</c> (<see cref="InvoiceOcrQueueItem"/>, filled by triggers when an ÖEB is sent), newest
/// sent first through its index, so a run costs the same with 100 or 1,000,000 sent ÖEBs; <see cref="OcrOptions.BatchSize"/> files a run (none started after <see cref="OcrOptions.MaxRunMinutes"/>), failures tried again after
/// <see cref="OcrOptions.RetryAfterMinutes"/> up to <see cref="OcrOptions.MaxAttempts"/> times (another instance may
/// have tesseract). Idempotent: a file already read is never read again, and a failure never overwrites a read.
/// Run every minute by <see cref="InvoiceOcrJob"/>.
/// </summary>
public sealed class ReadQueuedInvoices(MysDbContext db, InvoiceOcrQueueStore queue, IAttachmentStore store, TesseractInvoiceReader reader, ILogger<ReadQueuedInvoices> logger)
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = reader.Options;
        if (!options.Enabled)
        {
            return;
        }

        var queued = await queue.DueAsync(now, options, cancellationToken);
        if (queued.Count == 0)
        {
            return;
        }

        // Rows whose file was read meanwhile, has used up its attempts or waits for its retry time: leave or requeue.
        var settled = queued.Where(i => !i.Due).Select(i => i.Sha256).ToArray();
        if (settled.Length > 0)
        {
            await queue.SettleAsync(settled, options, cancellationToken);
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
                await queue.SaveAsync(item.Sha256, outcome, now, options, ct);
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

        db.RecordEvent("InvoiceOcrRun", "Ocr", InvoiceOcrJob.Name, JsonSerializer.Serialize(new { at = now, read, failed, left = work.Count - read - failed }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<OcrOutcome> ReadAsync(InvoiceOcrWorkItem item, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(item.Sha256.Trim(), cancellationToken);
        return content is null
            ? new OcrOutcome(false, null, "Dosya depoda bulunamadı.", reader.Engine, 0, TimeSpan.Zero)
            : await reader.ReadAsync(content, ContentKinds.FromMediaType(item.MediaType), cancellationToken);
    }
}
