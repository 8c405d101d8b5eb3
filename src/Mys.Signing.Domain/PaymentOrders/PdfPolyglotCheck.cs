using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// A PDF that is also another container: a ZIP (also an Office file or a JAR), RAR, 7z or gzip after the last <c>%%EOF</c>,
/// or a ZIP's end-of-central-directory record where an unzip tool looks for it (the last 64 KB). Such a file opens as an
/// innocent PDF for the signer and as something else for whoever unpacks it from the archive, so it is refused.
/// </summary>
public sealed class PdfPolyglotCheck : AttachmentContentCheck
{
    /// <summary>A ZIP reader looks for its end record in the last 65,535 + 22 bytes.</summary>
    public const int ZipEndWindow = 65_557;

    private static readonly byte[][] Containers =
    [
        [0x50, 0x4B, 0x03, 0x04], // ZIP local file header
        [0x50, 0x4B, 0x05, 0x06], // ZIP end of central directory
        [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07], // RAR
        [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], // 7z
        [0x1F, 0x8B, 0x08], // gzip
    ];

    private static readonly byte[] ZipEnd = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] Eof = "%%EOF"u8.ToArray();
    private const int Overlap = 8;

    private readonly byte[] _carry = new byte[Overlap];
    private int _carryLength;
    private long _lastEof = -1;
    private long _lastContainer = -1;
    private long _lastZipEnd = -1;

    public static DomainError Refusal { get; } = new(
        "PDF_POLYGLOT",
        "PDF dosyasının içinde ikinci bir dosya (ZIP, RAR, 7z veya gzip arşivi) var; böyle bir dosya eklenemez. Belgeyi PDF olarak yeniden kaydedip yükleyin.");

    public override DomainError? Finish() =>
        _lastContainer > _lastEof || (_lastZipEnd >= 0 && _lastZipEnd >= Position - ZipEndWindow) ? Refusal : null;

    protected override DomainError? Inspect(ReadOnlySpan<byte> chunk)
    {
        // The previous chunk's last bytes and this one's first, so that a signature split across chunks is seen too.
        Span<byte> seam = stackalloc byte[Overlap * 2];
        var head = chunk[..Math.Min(chunk.Length, Overlap - 1)];
        _carry.AsSpan(0, _carryLength).CopyTo(seam);
        head.CopyTo(seam[_carryLength..]);
        seam = seam[..(_carryLength + head.Length)];
        Note(seam, Position - _carryLength);
        Note(chunk, Position);
        var keep = Math.Min(Overlap - 1, seam.Length + chunk.Length - head.Length);
        var tail = chunk.Length >= keep ? chunk[^keep..] : seam[^keep..];
        tail.CopyTo(_carry);
        _carryLength = keep;
        return null;
    }

    private void Note(ReadOnlySpan<byte> window, long start)
    {
        _lastEof = Math.Max(_lastEof, LastIndex(window, Eof, start));
        foreach (var signature in Containers)
        {
            _lastContainer = Math.Max(_lastContainer, LastIndex(window, signature, start));
        }

        _lastZipEnd = Math.Max(_lastZipEnd, LastIndex(window, ZipEnd, start));
    }

    private static long LastIndex(ReadOnlySpan<byte> window, ReadOnlySpan<byte> token, long start)
    {
        var index = window.LastIndexOf(token);
        return index < 0 ? -1 : start + index;
    }
}
