using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// A PNG, JPEG or TIFF is refused before it is stored when it would take more memory to decode than a scanned page ever
/// needs (a decompression bomb: a few KB that decode to gigabytes in OCR or a viewer), or when it cannot be decoded at
/// all. PNG: the header's dimensions, and the image data inflated as it streams past (nothing kept) must be exactly what
/// they promise (<see cref="PngPixelData"/>). JPEG: every frame's dimensions, and the marker structure to the end of the
/// image (<see cref="JpegFrames"/>). TIFF: the dimensions in its image file directories.
/// </summary>
public sealed class ImageSizeCheck : AttachmentContentCheck
{
    /// <summary>An A3 page scanned at 600 dpi (7016 × 9921) is about 70 million pixels.</summary>
    public const long MaxPixels = 72_000_000;

    public const int MaxSide = 20_000;

    private readonly ImageKind _kind;
    private readonly TiffDirectories? _tiff;
    private readonly PngPixelData? _png;
    private readonly JpegFrames? _jpeg;

    public ImageSizeCheck(ImageKind kind)
    {
        _kind = kind;
        _tiff = kind == ImageKind.Tiff ? new TiffDirectories() : null;
        _png = kind == ImageKind.Png ? new PngPixelData() : null;
        _jpeg = kind == ImageKind.Jpeg ? new JpegFrames() : null;
    }

    public override DomainError? Finish() => _kind switch
    {
        ImageKind.Tiff => _tiff!.Largest is { } size ? ImageProblems.Judge(size.Width, size.Height) : ImageProblems.Unreadable,
        ImageKind.Png => _png!.Finish(),
        _ => _jpeg!.Finish(),
    };

    protected override DomainError? Inspect(ReadOnlySpan<byte> chunk)
    {
        switch (_kind)
        {
            case ImageKind.Tiff:
                _tiff!.Append(chunk, Position);
                return _tiff.Largest is { } size && ImageProblems.Judge(size.Width, size.Height) is { Code: "IMAGE_TOO_LARGE" } tooLarge ? tooLarge : null;
            case ImageKind.Png:
                return _png!.Append(chunk);
            default:
                return _jpeg!.Append(chunk);
        }
    }
}

/// <summary>The image formats <see cref="ImageSizeCheck"/> reads.</summary>
public enum ImageKind
{
    Png,
    Jpeg,
    Tiff,
}
