using System.Buffers.Binary;
using System.Text;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>What an attachment's bytes must not be (issue 18): hostile XML, decompression bombs, PDF polyglots; fed in chunks of every size.</summary>
public sealed class AttachmentContentCheckTests
{
    private static readonly int[] ChunkSizes = [1, 3, 7, 4096, 1024 * 1024];

    [Fact]
    public void Plain_XML_passes_in_any_chunking()
    {
        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><liste><kalem ad=\"Kâğıt\">10</kalem><!-- not. --></liste>");
        foreach (var size in ChunkSizes)
        {
            Run(new XmlAttachmentCheck(), xml, size).ShouldBeNull();
        }
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>", "XML_DTD")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", "XML_DTD")]
    [InlineData("<r><a></r>", "XML_MALFORMED")]
    [InlineData("not xml at all", "XML_MALFORMED")]
    public void Hostile_or_broken_XML_is_refused(string xml, string code)
    {
        Run(new XmlAttachmentCheck(), Encoding.UTF8.GetBytes(xml), 5)!.Code.ShouldBe(code);
    }

    [Fact]
    public void XML_deeper_than_the_limit_is_refused_and_at_the_limit_passes()
    {
        static byte[] Nested(int depth) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)));

        Run(new XmlAttachmentCheck(), Nested(XmlAttachmentCheck.MaxDepth + 1), 4096).ShouldBeNull();
        Run(new XmlAttachmentCheck(), Nested(XmlAttachmentCheck.MaxDepth + 2), 4096)!.Code.ShouldBe("XML_TOO_DEEP");
    }

    [Fact]
    public void XML_over_the_size_limit_is_refused_while_it_streams()
    {
        var check = new XmlAttachmentCheck();
        check.Append(new byte[XmlAttachmentCheck.MaxBytes]).ShouldBeNull();
        check.Append(new byte[1])!.Code.ShouldBe("XML_TOO_LARGE");
    }

    [Theory]
    [InlineData(2480, 3508, true)] // A4 at 300 dpi
    [InlineData(7016, 9921, true)] // A3 at 600 dpi
    [InlineData(100_000, 100_000, false)]
    [InlineData(20_001, 10, false)]
    [InlineData(0, 10, false)]
    public void A_PNG_is_judged_by_the_size_its_header_declares(int width, int height, bool accepted)
    {
        foreach (var size in ChunkSizes)
        {
            var problem = Run(new ImageSizeCheck(ImageKind.Png), Png(width, height), size);
            (problem is null).ShouldBe(accepted, $"chunks of {size}");
        }
    }

    [Fact]
    public void A_JPEG_bomb_is_found_behind_its_metadata_segments()
    {
        var bomb = Jpeg(60_000, 60_000, metadataBytes: 60_000);
        foreach (var size in ChunkSizes)
        {
            var problem = Run(new ImageSizeCheck(ImageKind.Jpeg), bomb, size);
            problem!.Code.ShouldBe("IMAGE_TOO_LARGE");
            problem.Message.ShouldContain("60000 × 60000 piksel");
        }

        Run(new ImageSizeCheck(ImageKind.Jpeg), Jpeg(2480, 3508, 100), 4096).ShouldBeNull();
        Run(new ImageSizeCheck(ImageKind.Jpeg), [0xFF, 0xD8, 0xFF, 0xD9], 4096)!.Code.ShouldBe("IMAGE_UNREADABLE");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void A_TIFF_bomb_is_found_also_when_its_directory_follows_the_image_data(bool littleEndian, bool directoryAtEnd)
    {
        foreach (var size in ChunkSizes)
        {
            Run(new ImageSizeCheck(ImageKind.Tiff), Tiff(littleEndian, directoryAtEnd, 2480, 3508), size).ShouldBeNull($"chunks of {size}");
            Run(new ImageSizeCheck(ImageKind.Tiff), Tiff(littleEndian, directoryAtEnd, 50_000, 50_000), size)!.Code.ShouldBe("IMAGE_TOO_LARGE", $"chunks of {size}");
        }
    }

    [Fact]
    public void A_second_TIFF_page_that_is_a_bomb_is_found()
    {
        var first = Tiff(true, false, 100, 100);
        // Link the first page's directory to a second, huge one appended at the end.
        var second = Directory(true, 50_000, 50_000);
        var offset = first.Length;
        var next = 8 + 2 + (12 * 2);
        BinaryPrimitives.WriteUInt32LittleEndian(first.AsSpan(next), (uint)offset);
        Run(new ImageSizeCheck(ImageKind.Tiff), [.. first, .. second], 3)!.Code.ShouldBe("IMAGE_TOO_LARGE");
    }

    [Fact]
    public void A_PDF_with_a_ZIP_after_its_last_EOF_is_refused_in_any_chunking()
    {
        var pdf = Pdf();
        var polyglot = pdf.Concat(Zip()).ToArray();
        foreach (var size in ChunkSizes)
        {
            Run(new PdfPolyglotCheck(), pdf, size).ShouldBeNull($"chunks of {size}");
            Run(new PdfPolyglotCheck(), polyglot, size)!.Code.ShouldBe("PDF_POLYGLOT", $"chunks of {size}");
        }
    }

    [Fact]
    public void A_ZIP_end_record_near_the_end_is_refused_even_when_an_EOF_follows_it()
    {
        byte[] disguised = [.. Pdf(), .. Zip(), .. "\n%%EOF\n"u8.ToArray()];
        Run(new PdfPolyglotCheck(), disguised, 4096)!.Code.ShouldBe("PDF_POLYGLOT");
    }

    [Fact]
    public void A_PDF_with_an_incremental_update_after_its_first_EOF_passes()
    {
        byte[] updated = [.. Pdf(), .. "2 0 obj << /Type /Annot >> endobj\nxref\n0 1\ntrailer << /Prev 9 >>\n%%EOF\n"u8.ToArray()];
        Run(new PdfPolyglotCheck(), updated, 7).ShouldBeNull();
    }

    private static DomainError? Run(AttachmentContentCheck check, byte[] content, int chunk)
    {
        for (var at = 0; at < content.Length; at += chunk)
        {
            if (check.Append(content.AsSpan(at, Math.Min(chunk, content.Length - at))) is { } early)
            {
                return early;
            }
        }

        return check.Finish();
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    // A local file header, then the end of central directory record (enough for the signatures that matter).
    private static byte[] Zip() => [0x50, 0x4B, 0x03, 0x04, .. new byte[40], 0x50, 0x4B, 0x05, 0x06, .. new byte[18]];

    // A real 1-bit grey PNG (all white rows) unless the header alone is refused; the data a decoder would inflate.
    private static byte[] Png(int width, int height) =>
        (long)width * height is > 0 and <= ImageSizeCheck.MaxPixels && width <= ImageSizeCheck.MaxSide && height <= ImageSizeCheck.MaxSide
            ? TestImages.Png(width, height)
            : TestImages.Png(width, height, dataBytes: 16);

    private static byte[] Jpeg(int width, int height, int metadataBytes)
    {
        var app1 = new byte[4 + metadataBytes];
        app1[0] = 0xFF;
        app1[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(app1.AsSpan(2), (ushort)(metadataBytes + 2));
        byte[] sof = [0xFF, 0xC0, 0, 17, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, .. new byte[9]];
        return [0xFF, 0xD8, .. app1, .. sof, 0xFF, 0xD9];
    }

    private static byte[] Tiff(bool littleEndian, bool directoryAtEnd, int width, int height)
    {
        var header = new byte[8];
        header[0] = header[1] = littleEndian ? (byte)'I' : (byte)'M';
        Write16(header.AsSpan(2), 42, littleEndian);
        var pixels = new byte[directoryAtEnd ? 3 * 1024 * 1024 : 16];
        var directoryOffset = directoryAtEnd ? 8 + pixels.Length : 8;
        Write32(header.AsSpan(4), (uint)directoryOffset, littleEndian);
        var directory = Directory(littleEndian, width, height);
        return directoryAtEnd ? [.. header, .. pixels, .. directory] : [.. header, .. directory, .. pixels];
    }

    private static byte[] Directory(bool littleEndian, int width, int height)
    {
        var directory = new byte[2 + (12 * 2) + 4];
        Write16(directory, 2, littleEndian);
        WriteEntry(directory.AsSpan(2), 256, width, littleEndian);
        WriteEntry(directory.AsSpan(14), 257, height, littleEndian);
        return directory;
    }

    private static void WriteEntry(Span<byte> entry, ushort tag, int value, bool littleEndian)
    {
        Write16(entry, tag, littleEndian);
        Write16(entry[2..], 4, littleEndian); // LONG
        Write32(entry[4..], 1, littleEndian);
        Write32(entry[8..], (uint)value, littleEndian);
    }

    private static void Write16(Span<byte> span, ushort value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
    }

    private static void Write32(Span<byte> span, uint value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
    }
}
