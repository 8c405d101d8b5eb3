using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.TestSupport.Ocr;

namespace Mys.Signing.Infrastructure.Tests.Ocr;

/// <summary>
/// Tesseract runs under an address-space limit (<c>prlimit --as</c>): a normal scan passes the upload check and is read
/// under the default limit; an image that passes the upload check (within 72 million pixels) but needs more memory than
/// the limit fails in its own process with a Turkish reason, instead of growing until the node runs out.
/// </summary>
public sealed class OcrMemoryLimitTests
{
    [Fact]
    public async Task A_normal_scan_passes_the_upload_check_and_is_read_under_the_default_limit()
    {
        var scan = InvoiceScanGenerator.Generate(new InvoiceScanSpec("ABC2025000000123", "4540536920", new DateOnly(2025, 6, 5), InvoiceLayout.EArchive,
            DejaVuFontResolver.Family, 10.5, 200, 0.6, 0.3, AsPdf: false, Seed: 11));
        UploadCheck(scan.Bytes).ShouldBeNull("a real scan is stored");
        var options = new OcrOptions();
        options.MemoryLimitMegabytes.ShouldBeGreaterThan(0, "the limit is on by default");
        using var reader = new TesseractInvoiceReader(options, NullLogger<TesseractInvoiceReader>.Instance);

        var outcome = await reader.ReadAsync(new MemoryStream(scan.Bytes), ContentKind.Png, CancellationToken.None);

        outcome.Succeeded.ShouldBeTrue(outcome.Error);
        outcome.Text!.ShouldContain("ABC2025000000123");
    }

    [Fact]
    public async Task An_image_that_needs_more_memory_than_the_limit_fails_in_its_own_process_with_a_turkish_reason()
    {
        var large = GreyPng(7016, 9921); // A3 at 600 dpi: allowed at upload, ~280 MB resident in tesseract
        UploadCheck(large).ShouldBeNull();
        using var reader = new TesseractInvoiceReader(new OcrOptions { MemoryLimitMegabytes = 150 }, NullLogger<TesseractInvoiceReader>.Instance);

        var outcome = await reader.ReadAsync(new MemoryStream(large), ContentKind.Png, CancellationToken.None);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Error!.ShouldContain("bellek sınırı 150 MB");
    }

    private static Mys.Signing.Domain.Common.DomainError? UploadCheck(byte[] image)
    {
        var check = new ImageSizeCheck(ImageKind.Png);
        return check.Append(image) ?? check.Finish();
    }

    // An 8-bit grey PNG, white with a band of black bars so the page is not empty.
    private static byte[] GreyPng(int width, int height)
    {
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    row[x + 1] = y is > 300 and < 360 && x % 40 < 20 ? (byte)0 : (byte)255;
                }

                zlib.Write(row);
            }
        }

        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", data.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] content)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)content.Length);
        file.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type);
        file.Write(typed);
        file.Write(content);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typed, .. content]));
        file.Write(number);
    }

    // The PNG chunk checksum (ISO 3309 CRC-32), which libpng checks.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
