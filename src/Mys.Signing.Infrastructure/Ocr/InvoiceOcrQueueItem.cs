namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>
/// A scanned invoice file waiting for the invoice-ocr job (<see cref="InvoiceOcrQueueStore"/>): one row per SHA-256, added by database triggers
/// when an ÖEB with invoice files is sent to accounting (so no code path can forget it), removed by the job once the
/// file is read or has failed <see cref="OcrOptions.MaxAttempts"/> times. The job picks due rows newest sent first
/// through the index on <see cref="SentAt"/>, so its cost depends on the work waiting, not on how many ÖEBs were ever
/// sent. Derived data, written with plain SQL (not audited).
/// </summary>
public sealed class InvoiceOcrQueueItem
{
    public required string Sha256 { get; init; }

    public string? MediaType { get; init; }

    /// <summary>When the newest ÖEB carrying the file was sent (the job's order).</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>Not picked before this: the time it was queued, or after a failure the time of the next retry.</summary>
    public DateTimeOffset NotBefore { get; init; }
}
