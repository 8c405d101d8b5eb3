using System.IO.Compression;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>FlateDecode (with PNG predictors) — the only filter the writer and validator need to read.</summary>
public static class PdfFilters
{
    public static bool IsFlate(PdfDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return dictionary["Filter"] switch
        {
            PdfName n => string.Equals(n.Value, "FlateDecode", StringComparison.Ordinal),
            PdfArray { Items.Count: 1 } a => a.Items[0] is PdfName n && string.Equals(n.Value, "FlateDecode", StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>Decodes a stream's data; streams without a filter are returned as they are.</summary>
    public static byte[] Decode(PdfStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Dictionary["Filter"] is null)
        {
            return stream.Data;
        }

        if (!IsFlate(stream.Dictionary))
        {
            throw new NotSupportedException("Desteklenmeyen PDF filtresi.");
        }

        var raw = Inflate(stream.Data);
        var parms = stream.Dictionary["DecodeParms"] as PdfDictionary;
        var predictor = (parms?["Predictor"] as PdfNumber)?.IntValue ?? 1;
        return predictor >= 10 ? UndoPng(raw, (parms?["Columns"] as PdfNumber)?.IntValue ?? 1) : raw;
    }

    /// <summary>Inflates zlib data, tolerating a missing Adler-32 trailer (PDFsharp 6.5 writes none).</summary>
    public static byte[] Inflate(byte[] zlib)
    {
        ArgumentNullException.ThrowIfNull(zlib);
        using var input = new MemoryStream(zlib, 2, zlib.Length - 2);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Complete zlib stream (header, deflate, Adler-32).</summary>
    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] UndoPng(byte[] data, int columns)
    {
        var rowLength = columns + 1;
        var rows = data.Length / rowLength;
        var result = new byte[rows * columns];
        var previous = new byte[columns];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * rowLength];
            var row = result.AsSpan(r * columns, columns);
            data.AsSpan((r * rowLength) + 1, columns).CopyTo(row);
            for (var i = 0; i < columns; i++)
            {
                var left = i > 0 ? row[i - 1] : 0;
                var up = previous[i];
                var upLeft = i > 0 ? previous[i - 1] : 0;
                row[i] = type switch
                {
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + ((left + up) / 2)),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => row[i],
                };
            }

            row.CopyTo(previous);
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
