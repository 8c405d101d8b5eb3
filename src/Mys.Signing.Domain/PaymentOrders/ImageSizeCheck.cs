using System.Buffers.Binary;
using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// A PNG, JPEG or TIFF is refused before it is stored when the dimensions it declares would take more memory to decode
/// than a scanned page ever needs (a decompression bomb: a few KB that decode to gigabytes in OCR or a viewer). The
/// dimensions are read from the headers as they stream past (PNG IHDR, JPEG SOF, the TIFF image file directories); no
/// pixel is decoded. An image whose dimensions cannot be found is refused too.
/// </summary>
public sealed class ImageSizeCheck : AttachmentContentCheck
{
    /// <summary>An A3 page scanned at 600 dpi (7016 × 9921) is about 70 million pixels.</summary>
    public const long MaxPixels = 72_000_000;

    public const int MaxSide = 20_000;

    /// <summary>Header bytes kept for PNG and JPEG (the JPEG frame header follows any metadata segments).</summary>
    private const int HeadLength = 1024 * 1024;

    private readonly List<byte> _head = [];
    private readonly ImageKind _kind;
    private readonly TiffDirectories? _tiff;
    private bool _checked;

    public ImageSizeCheck(ImageKind kind)
    {
        _kind = kind;
        _tiff = kind == ImageKind.Tiff ? new TiffDirectories() : null;
    }

    public override DomainError? Finish()
    {
        if (_kind == ImageKind.Tiff)
        {
            return _tiff!.Largest is { } size ? Judge(size.Width, size.Height) : Unreadable;
        }

        return _checked ? null : Judge(Dimensions() ?? (0, 0));
    }

    protected override DomainError? Inspect(ReadOnlySpan<byte> chunk)
    {
        if (_kind == ImageKind.Tiff)
        {
            _tiff!.Append(chunk, Position);
            return _tiff.Largest is { } size && Judge(size.Width, size.Height) is { Code: "IMAGE_TOO_LARGE" } tooLarge ? tooLarge : null;
        }

        if (_checked || _head.Count >= HeadLength)
        {
            return null;
        }

        foreach (var b in chunk[..Math.Min(chunk.Length, HeadLength - _head.Count)])
        {
            _head.Add(b);
        }

        if (Dimensions() is { } found)
        {
            _checked = true;
            return Judge(found);
        }

        return null;
    }

    private static DomainError Unreadable => new("IMAGE_UNREADABLE", "Görüntü dosyasının boyutları okunamadı; dosya bozuk olabilir. Taramayı PDF olarak yeniden kaydedip yükleyin.");

    private static DomainError? Judge((long Width, long Height) size) => Judge(size.Width, size.Height);

    private static DomainError? Judge(long width, long height)
    {
        if (width <= 0 || height <= 0)
        {
            return Unreadable;
        }

        return width > MaxSide || height > MaxSide || width * height > MaxPixels
            ? new DomainError("IMAGE_TOO_LARGE", string.Create(CultureInfo.InvariantCulture,
                $"Görüntü çok büyük ({width} × {height} piksel); en fazla {MaxPixels / 1_000_000} milyon piksel ve kenar başına {MaxSide} piksel olabilir. Taramayı daha düşük çözünürlükte (ör. 300 dpi) yeniden yapın."))
            : null;
    }

    private (long, long)? Dimensions() => _kind switch
    {
        ImageKind.Png => Png(),
        ImageKind.Jpeg => Jpeg(),
        _ => null,
    };

    // The IHDR chunk comes first: width and height are at bytes 16-23, big-endian.
    private (long, long)? Png()
    {
        if (_head.Count < 24)
        {
            return null;
        }

        var bytes = _head.GetRange(12, 12).ToArray();
        return bytes.AsSpan(0, 4).SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)))
            : (0, 0);
    }

    // Segments after SOI: FF xx, then a big-endian length that includes itself; a start-of-frame (C0-CF but C4, C8, CC)
    // holds precision, height, width.
    private (long, long)? Jpeg()
    {
        var at = 2;
        while (at + 4 <= _head.Count)
        {
            if (_head[at] != 0xFF)
            {
                return (0, 0);
            }

            var marker = _head[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }

            var length = (_head[at + 2] << 8) | _head[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (at + 9 > _head.Count)
                {
                    return null;
                }

                return ((_head[at + 7] << 8) | _head[at + 8], (_head[at + 5] << 8) | _head[at + 6]);
            }

            if (marker == 0xD9 || length < 2)
            {
                return (0, 0);
            }

            at += 2 + length;
        }

        return _head.Count >= HeadLength ? (0, 0) : null;
    }
}

/// <summary>The image formats <see cref="ImageSizeCheck"/> reads.</summary>
public enum ImageKind
{
    Png,
    Jpeg,
    Tiff,
}
