using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// The checks every store runs on an upload as its bytes stream past, whatever holds them afterwards: the kind judged
/// from the first bytes against the declared one, the size limit, the PDF safety scan, the caller's own check, and the
/// SHA-256 that addresses the content. A refusal means nothing may be kept.
/// </summary>
internal sealed class UploadInspection : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private PdfSafetyScanner? _pdf;
    private AttachmentContentCheck? _check;

    private UploadInspection(ContentKind kind, long maxBytes, ILogger logger)
    {
        Kind = kind;
        _maxBytes = maxBytes;
        _logger = logger;
    }

    public ContentKind Kind { get; }

    public long Total { get; private set; }

    /// <summary>Starts inspecting an upload whose first block is <paramref name="head"/>; a refusal if it is empty or of the wrong kind.</summary>
    public static Result<UploadInspection> Begin(
        ReadOnlySpan<byte> head, ContentKind declared, long maxBytes, Func<ContentKind, AttachmentContentCheck?> checkFor, ILogger logger)
    {
        if (head.IsEmpty)
        {
            return Refuse(logger, "FILE_EMPTY", "Dosya boş (0 bayt). Doğru dosyayı seçtiğinizden emin olun.");
        }

        var kind = ContentSniffer.Detect(head[..Math.Min(head.Length, ContentSniffer.HeaderLength)]);
        if (kind is ContentKind.Executable or ContentKind.Archive or ContentKind.Unknown)
        {
            return Refuse(logger, "FILE_TYPE_FORBIDDEN", $"Bu dosya bir {kind.TurkishName()}; yalnızca PDF, TIFF, JPEG, PNG ve XML eklenebilir.");
        }

        if (kind != declared)
        {
            return Refuse(logger, "FILE_TYPE_MISMATCH", $"Dosya {declared.TurkishName()} olarak bildirildi ama içeriği {kind.TurkishName()}. Doğru dosyayı seçin.");
        }

        return Result<UploadInspection>.Success(new UploadInspection(kind, maxBytes, logger)
        {
            _pdf = kind == ContentKind.Pdf ? new PdfSafetyScanner() : null,
            _check = checkFor(kind),
        });
    }

    /// <summary>Sees the next block before it is written; a problem found refuses the upload.</summary>
    public DomainError? Append(ReadOnlySpan<byte> block)
    {
        Total += block.Length;
        if (Total > _maxBytes)
        {
            _logger.LogWarning("Upload refused after {Bytes} bytes: over the {Limit}-byte limit", Total, _maxBytes);
            return Problem("FILE_TOO_LARGE", $"Dosya izin verilen boyutu ({FormatSize(_maxBytes)}) aşıyor.");
        }

        _hash.AppendData(block);
        _pdf?.Append(block);
        if (_pdf?.Problem is { } problem)
        {
            return Problem(problem.Code, problem.Message);
        }

        return _check?.Append(block) is { } checkProblem ? Problem(checkProblem.Code, checkProblem.Message) : null;
    }

    /// <summary>After the last block: what the end of the content shows (a truncated PDF), else null.</summary>
    public DomainError? Finish()
    {
        if (_pdf?.Finish() is { } finalProblem)
        {
            return Problem(finalProblem.Code, finalProblem.Message);
        }

        return _check?.Finish() is { } finalCheckProblem ? Problem(finalCheckProblem.Code, finalCheckProblem.Message) : null;
    }

    /// <summary>The content's SHA-256, lower-case hex (call once, after <see cref="Finish"/>).</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private DomainError Problem(string code, string message)
    {
        _logger.LogWarning("Upload refused: {Code}", code);
        return new DomainError(code, message);
    }

    private static Result<UploadInspection> Refuse(ILogger logger, string code, string message)
    {
        logger.LogWarning("Upload refused: {Code}", code);
        return Result<UploadInspection>.Failure(code, message);
    }

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(System.Globalization.CultureInfo.GetCultureInfo("tr-TR"), $"{bytes / (1024.0 * 1024.0):0.#} MB")
            : string.Create(System.Globalization.CultureInfo.GetCultureInfo("tr-TR"), $"{bytes:N0} bayt");
}
