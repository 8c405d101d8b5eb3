using System.Buffers.Binary;
using System.IO.Compression;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>Images built byte by byte: real ones, and the lying, truncated and bomb variants the upload check must refuse.</summary>
internal static class TestImages
{
    /// <summary>Bytes of filtered scanlines a 1-bit grey PNG of this size holds (one filter byte a row).</summary>
    public static long PngDataBytes(int width, int height) => height * (1 + ((width + 7L) / 8));

    /// <summary>
    /// A PNG (1-bit grey, not interlaced) whose IDAT inflates to <paramref name="dataBytes"/> zero bytes (default: exactly
    /// what the header promises), optionally cut after <paramref name="truncateAt"/> bytes.
    /// </summary>
    public static byte[] Png(int width, int height, long? dataBytes = null, int? truncateAt = null, byte[]? idat = null)
    {
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 1; // bit depth
        Chunk(file, "IHDR", header);
        Chunk(file, "IDAT", idat ?? Zlib(dataBytes ?? PngDataBytes(width, height)));
        Chunk(file, "IEND", []);
        var bytes = file.ToArray();
        return truncateAt is { } at ? bytes[..at] : bytes;
    }

    /// <summary>zlib of <paramref name="length"/> zero bytes, written in pieces (a bomb is never held whole).</summary>
    public static byte[] Zlib(long length)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var left = length; left > 0; left -= zeros.Length)
            {
                zlib.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
            }
        }

        return compressed.ToArray();
    }

    /// <summary>A baseline JPEG's marker structure: SOI, a frame per size, a scan with stuffed and restart bytes, EOI.</summary>
    public static byte[] Jpeg(IEnumerable<(int Width, int Height)> frames, bool end = true)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
        foreach (var (width, height) in frames)
        {
            bytes.AddRange([0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
            bytes.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]); // start of scan
            bytes.AddRange([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0xFF, 0xFF, 0xD1, 0x9A]); // entropy-coded data
        }

        if (end)
        {
            bytes.AddRange([0xFF, 0xD9]);
        }

        return [.. bytes];
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        file.Write(length);
        file.Write(System.Text.Encoding.ASCII.GetBytes(type));
        file.Write(data);
        file.Write(new byte[4]); // CRC: not what the check looks at
    }
}
