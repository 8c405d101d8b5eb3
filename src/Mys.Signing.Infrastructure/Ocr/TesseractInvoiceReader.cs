using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>OCR settings (<c>Mys:Ocr:*</c>).</summary>
public sealed record OcrOptions
{
    public const string Section = "Mys:Ocr";

    /// <summary><c>false</c> turns the job off on this instance (the page then says the invoices are not read yet).</summary>
    public bool Enabled { get; init; } = true;

    public string TesseractPath { get; init; } = "tesseract";

    public string PdftoppmPath { get; init; } = "pdftoppm";

    /// <summary>Tesseract language; Debian's <c>tesseract-ocr-tur</c> provides <c>tur</c>.</summary>
    public string Language { get; init; } = "tur";

    /// <summary>Page segmentation mode: 3 = fully automatic layout (columns and blocks of an invoice).</summary>
    public int PageSegmentationMode { get; init; } = 3;

    /// <summary>Resolution PDF pages are rasterised at.</summary>
    public int Dpi { get; init; } = 300;

    /// <summary>Pages of a PDF read (the R9 fields are on the first page; a long PDF is not read whole).</summary>
    public int MaxPages { get; init; } = 2;

    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>
    /// Address space each OCR process may use (<c>prlimit --as</c>): an image that got past the upload checks but decodes
    /// to more fails in its own process instead of taking the node's memory. 0 turns the limit off.
    /// </summary>
    public int MemoryLimitMegabytes { get; init; } = 1024;

    /// <summary>util-linux <c>prlimit</c>, which runs each OCR tool under <see cref="MemoryLimitMegabytes"/>.</summary>
    public string PrlimitPath { get; init; } = "prlimit";

    /// <summary>Tesseract processes running at once in this process (each limited to one thread).</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>Files read per job run.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>A run starts no new file after this long, so it ends well inside the scheduler's lease (30 min).</summary>
    public int MaxRunMinutes { get; init; } = 10;

    /// <summary>A failed file is tried again after this long, at most <see cref="MaxAttempts"/> times.</summary>
    public int RetryAfterMinutes { get; init; } = 60;

    public int MaxAttempts { get; init; } = 3;

    public static OcrOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).Get<OcrOptions>() ?? new OcrOptions();
    }
}

/// <summary>What one OCR run produced: the text, or why there is none (Turkish, shown on the review page).</summary>
public sealed record OcrOutcome(bool Succeeded, string? Text, string? Error, string Engine, int Pages, TimeSpan Duration);

/// <summary>
/// Runs Debian's <c>tesseract</c> on a stored invoice file: PNG, JPEG and TIFF directly, PDFs rasterised first with
/// <c>pdftoppm</c> (grey, <see cref="OcrOptions.Dpi"/>, first <see cref="OcrOptions.MaxPages"/> pages; uncompressed PGM,
/// because compressing a noisy 300 dpi page to PNG costs pdftoppm ~50× the rasterising). Each process has a
/// timeout and is killed with its children when it passes, and runs under an address-space limit
/// (<see cref="OcrOptions.MemoryLimitMegabytes"/>, via <c>prlimit</c>); at most <see cref="OcrOptions.MaxConcurrency"/> run at once and
/// each is limited to one OpenMP thread, so OCR cannot take every core. Never throws for a bad file or a missing tool:
/// the outcome says what went wrong.
/// </summary>
public sealed class TesseractInvoiceReader(OcrOptions options, ILogger<TesseractInvoiceReader> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrency));

    public OcrOptions Options => options;

    public string Engine => string.Create(CultureInfo.InvariantCulture, $"tesseract -l {options.Language} --psm {options.PageSegmentationMode}, {options.Dpi} dpi");

    public async Task<OcrOutcome> ReadAsync(Stream content, ContentKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var started = Stopwatch.GetTimestamp();
        if (kind is not (ContentKind.Pdf or ContentKind.Png or ContentKind.Jpeg or ContentKind.Tiff))
        {
            return Fail($"{kind.TurkishName()} görüntü olarak okunamaz.", 0, started);
        }

        var folder = Directory.CreateTempSubdirectory("mys-ocr-");
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var input = Path.Combine(folder.FullName, "input" + Extension(kind));
            await using (var file = File.Create(input))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            var images = new List<string>();
            if (kind == ContentKind.Pdf)
            {
                var prefix = Path.Combine(folder.FullName, "page");
                var raster = await RunAsync(options.PdftoppmPath,
                    ["-r", options.Dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", "1", "-l", options.MaxPages.ToString(CultureInfo.InvariantCulture), input, prefix],
                    cancellationToken);
                if (raster.Error is not null)
                {
                    return Fail("PDF görüntüye çevrilemedi (pdftoppm): " + raster.Error, 0, started);
                }

                images.AddRange(Directory.GetFiles(folder.FullName, "page*.pgm").Order(StringComparer.Ordinal));
                if (images.Count == 0)
                {
                    return Fail("PDF'te okunacak sayfa yok.", 0, started);
                }
            }
            else
            {
                images.Add(input);
            }

            var text = new StringBuilder();
            foreach (var image in images)
            {
                var run = await RunAsync(options.TesseractPath,
                    [image, "stdout", "-l", options.Language, "--psm", options.PageSegmentationMode.ToString(CultureInfo.InvariantCulture)], cancellationToken);
                if (run.Error is not null)
                {
                    return Fail("tesseract: " + run.Error, images.Count, started);
                }

                text.Append(run.Output).Append('\n');
            }

            var result = text.Length > InvoiceOcrResult.MaxTextLength ? text.ToString(0, InvoiceOcrResult.MaxTextLength) : text.ToString();
            return new OcrOutcome(true, result, null, Engine, images.Count, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            _slots.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "OCR temporary folder {Folder} could not be deleted", folder.FullName);
            }
        }
    }

    public void Dispose() => _slots.Dispose();

    private OcrOutcome Fail(string error, int pages, long started)
    {
        var message = error.Length > InvoiceOcrResult.MaxErrorLength ? error[..InvoiceOcrResult.MaxErrorLength] : error;
        return new OcrOutcome(false, null, message, Engine, pages, Stopwatch.GetElapsedTime(started));
    }

    private static string Extension(ContentKind kind) => kind switch
    {
        ContentKind.Pdf => ".pdf",
        ContentKind.Png => ".png",
        ContentKind.Jpeg => ".jpg",
        _ => ".tif",
    };

    private static bool Installed(string tool) =>
        tool.Contains('/', StringComparison.Ordinal)
            ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, tool)));

    // Runs a tool to completion or the timeout; Error is set (Turkish, with the tool's last words) when it failed.
    private async Task<(string Output, string? Error)> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var limited = options.MemoryLimitMegabytes > 0;
        if (limited && !Installed(tool))
        {
            // prlimit would start and then fail to run it: say which tool is missing, as without the limit.
            logger.LogWarning("OCR tool {Tool} could not be started: not found", tool);
            return (string.Empty, $"{Path.GetFileName(tool)} bu sunucuda bulunamadı veya çalıştırılamadı (dosya yok).");
        }

        var start = new ProcessStartInfo(limited ? options.PrlimitPath : tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (limited)
        {
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--as={options.MemoryLimitMegabytes * 1024L * 1024L}"));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{tool} could not be started");
        }
        catch (Win32Exception ex)
        {
            var missing = limited ? options.PrlimitPath : tool;
            logger.LogWarning("OCR tool {Tool} could not be started: {Message}", missing, ex.Message);
            return (string.Empty, $"{Path.GetFileName(missing)} bu sunucuda bulunamadı veya çalıştırılamadı ({ex.Message}).");
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.TimeoutSeconds)));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                var text = await output;
                var stderr = await errors;
                if (process.ExitCode != 0)
                {
                    var tail = stderr.Trim();
                    tail = tail.Length > 300 ? tail[^300..] : tail;
                    logger.LogWarning("OCR tool {Tool} exited with {Code} (address space limit {Limit} MB): {Error}", tool, process.ExitCode, options.MemoryLimitMegabytes, tail);
                    var memory = limited ? string.Create(CultureInfo.InvariantCulture, $" (bellek sınırı {options.MemoryLimitMegabytes} MB)") : string.Empty;
                    return (string.Empty, string.Create(CultureInfo.InvariantCulture, $"çıkış kodu {process.ExitCode}{memory}: {tail}"));
                }

                return (text, null);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                logger.LogWarning("OCR tool {Tool} timed out after {Seconds} s", tool, options.TimeoutSeconds);
                return (string.Empty, string.Create(CultureInfo.InvariantCulture, $"{options.TimeoutSeconds} saniyede bitmedi (zaman aşımı)."));
            }
        }
    }
}
