namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>Whether an OCR run produced text.</summary>
public enum InvoiceOcrStatus
{
    /// <summary>The image was read; <see cref="InvoiceOcrResult.Text"/> holds what tesseract printed (possibly nothing).</summary>
    Read = 1,

    /// <summary>The run failed (tesseract or pdftoppm missing, timed out, unreadable file); <see cref="InvoiceOcrResult.Error"/> says why.</summary>
    Failed = 2,
}

/// <summary>
/// The OCR text of one stored file, keyed by its SHA-256 like the attachment store, so identical scans are read once
/// and every app instance sees the same result. The raw text is kept and parsed when the review page is built, so a
/// better parser needs no new OCR run. Derived data, written with plain SQL by <see cref="InvoiceOcrQueueStore"/> (not audited).
/// </summary>
public sealed class InvoiceOcrResult
{
    public const int MaxTextLength = 100_000;
    public const int MaxErrorLength = 1000;

    public required string Sha256 { get; init; }

    public InvoiceOcrStatus Status { get; init; }

    public string? Text { get; init; }

    public string? Error { get; init; }

    /// <summary>The engine and settings, e.g. "tesseract 5.3.0 -l tur --psm 3, 300 dpi", and the instance that ran it.</summary>
    public string? Engine { get; init; }

    public int Pages { get; init; }

    public int DurationMs { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset AttemptedAt { get; init; }
}
