using System.Buffers;
using System.Globalization;
using QRCoder;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// Draws a QR code as vector rectangles from QRCoder's module matrix (no bitmap import needed), each row's runs of dark
/// modules as one rectangle, all filled at once; the operators go after PDFsharp's in the page's content stream
/// (<see cref="PageWriter.AppendOperators"/>). Written here
/// rather than with XGraphics.DrawRectangle: PDFsharp formats and appends each of the ≈ 250 rectangles through its
/// general drawing path (≈ 0.1 MB and 1 ms per ÖEB); these operators are a few fixed-format lines.
/// </summary>
internal static class QrCodeDrawer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Draws the code with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>) in page coordinates from the top.</summary>
    public static byte[] Operators(double pageHeight, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        // At most one run per two modules of a row, each four numbers of at most 12 characters and "re".
        var buffer = ArrayPool<byte>.Shared.Rent(64 + (matrix.Count * ((matrix.Count / 2) + 1) * 56));
        try
        {
            var written = 0;
            Append(buffer, ref written, "q\n0 0 0 rg\n"u8);
            for (var row = 0; row < matrix.Count; row++)
            {
                var col = 0;
                while (col < matrix[row].Length)
                {
                    if (!matrix[row][col])
                    {
                        col++;
                        continue;
                    }

                    var start = col;
                    while (col < matrix[row].Length && matrix[row][col])
                    {
                        col++;
                    }

                    // PDF user space: origin at the bottom left, so the rectangle's lower edge is measured from the page's foot.
                    Number(buffer, ref written, x + (start * module));
                    Number(buffer, ref written, pageHeight - (y + ((row + 1) * module)));
                    Number(buffer, ref written, (col - start) * module);
                    Number(buffer, ref written, module);
                    Append(buffer, ref written, "re\n"u8);
                }
            }

            Append(buffer, ref written, "f\nQ\n"u8);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Append(byte[] buffer, ref int written, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(written));
        written += bytes.Length;
    }

    /// <summary>The value with up to four decimals (as PDFsharp writes coordinates), then a space.</summary>
    private static void Number(byte[] buffer, ref int written, double value)
    {
        if (!value.TryFormat(buffer.AsSpan(written), out var length, "0.####", Invariant))
        {
            throw new InvalidOperationException("The QR code's content does not fit its buffer.");
        }

        written += length;
        buffer[written++] = (byte)' ';
    }
}
