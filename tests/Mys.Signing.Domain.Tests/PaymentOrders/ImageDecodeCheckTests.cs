using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>
/// Images whose headers lie (issue 18): the PNG's image data is inflated as it streams past and must be what the header
/// promises; every JPEG frame is judged and the file must reach its end. Real images pass, in chunks of every size.
/// </summary>
public sealed class ImageDecodeCheckTests
{
    private static readonly int[] ChunkSizes = [1, 7, 4096, 1024 * 1024];

    [Fact]
    public void A_real_PNG_passes_in_any_chunking()
    {
        var a4 = TestImages.Png(2480, 3508);
        foreach (var size in ChunkSizes)
        {
            Run(ImageKind.Png, a4, size).ShouldBeNull($"chunks of {size}");
        }
    }

    [Fact]
    public void A_PNG_whose_small_header_hides_a_decompression_bomb_is_refused_as_soon_as_the_data_passes_the_promise()
    {
        // 100 × 100 promised (1,400 bytes of scanlines); the data inflates to 200 MB from about 200 KB.
        var bomb = TestImages.Png(100, 100, dataBytes: 200L * 1024 * 1024);
        bomb.Length.ShouldBeLessThan(1024 * 1024);
        foreach (var size in new[] { 4096, 1024 * 1024 })
        {
            var problem = Run(ImageKind.Png, bomb, size);
            problem!.Code.ShouldBe("IMAGE_DATA_MISMATCH");
            problem.Message.ShouldContain("100 × 100 piksel");
        }
    }

    [Theory]
    [InlineData(1400L + 1)] // one byte more than the header promises
    [InlineData(1400L - 1)] // one byte less: a decoder would fail on the last row
    public void A_PNG_whose_data_is_not_exactly_what_its_header_promises_is_refused(long dataBytes)
    {
        TestImages.PngDataBytes(100, 100).ShouldBe(1400);
        Run(ImageKind.Png, TestImages.Png(100, 100, dataBytes: dataBytes), 4096)!.Code.ShouldBeOneOf("IMAGE_DATA_MISMATCH", "IMAGE_UNREADABLE");
    }

    [Fact]
    public void A_truncated_or_corrupt_PNG_is_refused_as_undecodable()
    {
        var whole = TestImages.Png(2480, 3508);
        Run(ImageKind.Png, whole[..(whole.Length - 20)], 4096)!.Code.ShouldBe("IMAGE_UNREADABLE"); // no IEND, data cut
        Run(ImageKind.Png, TestImages.Png(2480, 3508, idat: [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF]), 4096)!.Code.ShouldBe("IMAGE_UNREADABLE");
        Run(ImageKind.Png, whole[..8], 4096)!.Code.ShouldBe("IMAGE_UNREADABLE"); // signature only
    }

    [Fact]
    public void Every_JPEG_frame_is_judged_not_only_the_first()
    {
        foreach (var size in ChunkSizes)
        {
            Run(ImageKind.Jpeg, TestImages.Jpeg([(2480, 3508)]), size).ShouldBeNull($"chunks of {size}");
            var hidden = Run(ImageKind.Jpeg, TestImages.Jpeg([(100, 100), (60_000, 60_000)]), size);
            hidden!.Code.ShouldBe("IMAGE_TOO_LARGE", $"chunks of {size}");
            hidden.Message.ShouldContain("60000 × 60000 piksel");
        }
    }

    [Fact]
    public void A_truncated_JPEG_is_refused_as_undecodable()
    {
        var whole = TestImages.Jpeg([(2480, 3508)]);
        Run(ImageKind.Jpeg, TestImages.Jpeg([(2480, 3508)], end: false), 4096)!.Code.ShouldBe("IMAGE_UNREADABLE");
        Run(ImageKind.Jpeg, whole[..30], 4096)!.Code.ShouldBe("IMAGE_UNREADABLE"); // cut inside the frame header
        Run(ImageKind.Jpeg, [0xFF, 0xD8, 0x00, 0x01], 4096)!.Code.ShouldBe("IMAGE_UNREADABLE"); // no marker where one must be
    }

    private static DomainError? Run(ImageKind kind, byte[] content, int chunk)
    {
        var check = new ImageSizeCheck(kind);
        for (var at = 0; at < content.Length; at += chunk)
        {
            if (check.Append(content.AsSpan(at, Math.Min(chunk, content.Length - at))) is { } early)
            {
                return early;
            }
        }

        return check.Finish();
    }
}
