using System.IO.Compression;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Stream filters the reader decodes: FlateDecode, LZWDecode (both with PNG/TIFF predictors), ASCIIHexDecode,
/// ASCII85Decode, RunLengthDecode, Identity Crypt, and chains of them. Image codecs (DCT, JPX, JBIG2, CCITT) are never
/// needed to validate a signature and raise <see cref="PdfFormatReasons.UnknownFilter"/> only if someone asks for the bytes.
/// </summary>
/// <summary>Receives one piece of inflated data; valid only during the call.</summary>
public delegate void InflatedChunk(ReadOnlySpan<byte> chunk);

public static class PdfFilters
{
    /// <summary>Largest decoded stream accepted; a hostile few-kilobyte stream must not inflate to gigabytes.</summary>
    public const int MaxDecodedLength = 128 * 1024 * 1024;

    public static bool IsFlate(PdfDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return dictionary["Filter"] switch
        {
            PdfName n => IsFlateName(n.Value),
            PdfArray { Items.Count: 1 } a => a.Items[0] is PdfName n && IsFlateName(n.Value),
            _ => false,
        };
    }

    /// <summary>Decodes a stream's data through its filter chain; streams without a filter are returned as they are.</summary>
    public static byte[] Decode(PdfStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (filters, parms) = Chain(stream.Dictionary);
        var data = stream.Data;
        for (var i = 0; i < filters.Count; i++)
        {
            data = Apply(filters[i], parms[i], data);
        }

        return data;
    }

    /// <summary>The filter names and their /DecodeParms (null where none), in decoding order.</summary>
    public static (IReadOnlyList<string> Filters, IReadOnlyList<PdfDictionary?> Parms) Chain(PdfDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var filters = dictionary["Filter"] switch
        {
            null or PdfNull => [],
            PdfName n => [n.Value],
            PdfArray a => a.Items.Select(i => i is PdfName n ? n.Value : throw Unknown("non-name")).ToList(),
            _ => throw Unknown("non-name"),
        };
        var rawParms = dictionary["DecodeParms"] ?? dictionary["DP"];
        var parms = new PdfDictionary?[filters.Count];
        for (var i = 0; i < parms.Length; i++)
        {
            parms[i] = rawParms switch
            {
                PdfDictionary d when i == 0 => d,
                PdfArray a when i < a.Items.Count => a.Items[i] as PdfDictionary,
                _ => null,
            };
        }

        return (filters, parms);
    }

    /// <summary>True for a stream whose only filter is an Identity /Crypt (it is stored unencrypted in an encrypted file).</summary>
    public static bool HasIdentityCrypt(PdfDictionary dictionary)
    {
        var (filters, parms) = Chain(dictionary);
        var at = filters.ToList().IndexOf("Crypt");
        return at >= 0 && (parms[at]?.NameOf("Name") ?? "Identity") == "Identity";
    }

    private static byte[] Apply(string filter, PdfDictionary? parms, byte[] data) => filter switch
    {
        "FlateDecode" or "Fl" => Predict(Inflate(data), parms),
        "LZWDecode" or "LZW" => Predict(Lzw(data, (parms?["EarlyChange"] as PdfNumber)?.IntValue ?? 1), parms),
        "ASCIIHexDecode" or "AHx" => AsciiHex(data),
        "ASCII85Decode" or "A85" => Ascii85(data),
        "RunLengthDecode" or "RL" => RunLength(data),
        "Crypt" when (parms?.NameOf("Name") ?? "Identity") == "Identity" => data,
        _ => throw Unknown(filter),
    };

    private static PdfFormatException Unknown(string filter) =>
        new(PdfFormatReasons.UnknownFilter, $"Filter '{filter}' cannot be decoded by this reader.");

    private static PdfFormatException Broken(string filter, string detail, Exception? inner = null) =>
        new(PdfFormatReasons.BrokenStreamData, $"{filter}: {detail}", inner);

    private static bool IsFlateName(string name) => name is "FlateDecode" or "Fl";

    /// <summary>Inflates zlib data, tolerating a missing Adler-32 trailer (PDFsharp 6.5 writes none).</summary>
    public static byte[] Inflate(byte[] zlib)
    {
        using var output = new MemoryStream();
        Inflate(zlib, chunk => output.Write(chunk));
        return output.ToArray();
    }

    /// <summary>
    /// As <see cref="Inflate(byte[])"/>, handing the output to <paramref name="sink"/> chunk by chunk instead of collecting it
    /// (e.g. to checksum a stream without holding its decoded bytes). The chunk is only valid during the call.
    /// </summary>
    public static void Inflate(byte[] zlib, InflatedChunk sink)
    {
        ArgumentNullException.ThrowIfNull(zlib);
        ArgumentNullException.ThrowIfNull(sink);
        if (zlib.Length < 2)
        {
            throw Broken("FlateDecode", "shorter than the zlib header");
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var input = new MemoryStream(zlib, 2, zlib.Length - 2);
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            long total = 0;
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                total += read;
                if (total > MaxDecodedLength)
                {
                    throw new PdfFormatException(PdfFormatReasons.StreamTooLarge, $"A stream inflates beyond {MaxDecodedLength} bytes.");
                }

                sink(buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException ex)
        {
            // The one place zlib runs: its complaint about corrupt (or still encrypted) data becomes a format error.
            throw Broken("FlateDecode", "corrupt deflate data", ex);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
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

    private static byte[] Predict(byte[] data, PdfDictionary? parms)
    {
        var predictor = (parms?["Predictor"] as PdfNumber)?.IntValue ?? 1;
        if (predictor < 2)
        {
            return data;
        }

        var colors = Math.Clamp((parms?["Colors"] as PdfNumber)?.IntValue ?? 1, 1, 32);
        var bits = (parms?["BitsPerComponent"] as PdfNumber)?.IntValue ?? 8;
        var columns = (parms?["Columns"] as PdfNumber)?.IntValue ?? 1;
        if (bits is not (1 or 2 or 4 or 8 or 16) || columns < 1 || (long)columns * colors * bits > 8L * MaxDecodedLength)
        {
            throw Broken("Predictor", "invalid /Colors, /BitsPerComponent or /Columns");
        }

        var bytesPerPixel = Math.Max(1, colors * bits / 8);
        var rowLength = (int)(((long)columns * colors * bits + 7) / 8);
        if (predictor != 2 && rowLength + 1 > data.Length)
        {
            // Not even one complete PNG row (a hostile /Columns must not allocate a huge row buffer).
            return [];
        }

        return predictor == 2 ? UndoTiff(data, rowLength, bytesPerPixel, bits) : UndoPng(data, rowLength, bytesPerPixel);
    }

    private static byte[] UndoTiff(byte[] data, int rowLength, int bytesPerPixel, int bits)
    {
        if (bits != 8)
        {
            throw Broken("Predictor", "TIFF predictor supported for 8 bits per component only");
        }

        var result = data.ToArray();
        for (var start = 0; start < result.Length; start += rowLength)
        {
            var end = Math.Min(result.Length, start + rowLength);
            for (var i = start + bytesPerPixel; i < end; i++)
            {
                result[i] += result[i - bytesPerPixel];
            }
        }

        return result;
    }

    private static byte[] UndoPng(byte[] data, int columns, int bytesPerPixel)
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
                var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
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

    private static byte[] AsciiHex(byte[] data)
    {
        var output = new List<byte>(data.Length / 2);
        var high = -1;
        foreach (var b in data)
        {
            if (b == '>')
            {
                break;
            }

            if (PdfParser.IsWhite(b))
            {
                continue;
            }

            var v = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => throw Broken("ASCIIHexDecode", "non-hex character"),
            };
            if (high < 0)
            {
                high = v;
            }
            else
            {
                output.Add((byte)((high << 4) | v));
                high = -1;
            }
        }

        if (high >= 0)
        {
            output.Add((byte)(high << 4));
        }

        return [.. output];
    }

    private static byte[] Ascii85(byte[] data)
    {
        var output = new List<byte>(data.Length * 4 / 5);
        Span<int> group = stackalloc int[5];
        var count = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (PdfParser.IsWhite(b))
            {
                continue;
            }

            if (b == '~')
            {
                break;
            }

            if (b == 'z' && count == 0)
            {
                output.AddRange([0, 0, 0, 0]);
                continue;
            }

            if (b is < (byte)'!' or > (byte)'u')
            {
                throw Broken("ASCII85Decode", "character outside ! … u");
            }

            group[count++] = b - '!';
            if (count == 5)
            {
                AddGroup(output, group, 4);
                count = 0;
            }
        }

        if (count == 1)
        {
            throw Broken("ASCII85Decode", "a final group of one character");
        }

        if (count > 1)
        {
            for (var i = count; i < 5; i++)
            {
                group[i] = 84;
            }

            AddGroup(output, group, count - 1);
        }

        return [.. output];
    }

    private static void AddGroup(List<byte> output, Span<int> group, int bytes)
    {
        long value = 0;
        foreach (var digit in group)
        {
            value = (value * 85) + digit;
        }

        if (value > uint.MaxValue)
        {
            throw Broken("ASCII85Decode", "group exceeds 2^32");
        }

        for (var i = 0; i < bytes; i++)
        {
            output.Add((byte)(value >> (24 - (8 * i))));
        }
    }

    private static byte[] RunLength(byte[] data)
    {
        var output = new List<byte>(data.Length);
        var i = 0;
        while (i < data.Length)
        {
            var length = data[i++];
            if (length == 128)
            {
                break;
            }

            if (length < 128)
            {
                var count = Math.Min(length + 1, data.Length - i);
                output.AddRange(data.AsSpan(i, count));
                i += count;
            }
            else if (i < data.Length)
            {
                var value = data[i++];
                for (var k = 0; k < 257 - length; k++)
                {
                    output.Add(value);
                }
            }

            if (output.Count > MaxDecodedLength)
            {
                throw new PdfFormatException(PdfFormatReasons.StreamTooLarge, $"A stream decodes beyond {MaxDecodedLength} bytes.");
            }
        }

        return [.. output];
    }

    /// <summary>LZW as in TIFF/PDF: 9–12 bit codes, 256 clear, 257 end; EarlyChange 1 widens the code one entry early.</summary>
    private static byte[] Lzw(byte[] data, int earlyChange)
    {
        var output = new List<byte>(data.Length * 2);
        var table = new List<byte[]>(4096);
        void Reset()
        {
            table.Clear();
            for (var i = 0; i < 256; i++)
            {
                table.Add([(byte)i]);
            }

            table.Add([]);
            table.Add([]);
        }

        Reset();
        var codeLength = 9;
        long bitBuffer = 0;
        var bitCount = 0;
        byte[]? previous = null;
        var position = 0;
        while (true)
        {
            while (bitCount < codeLength && position < data.Length)
            {
                bitBuffer = (bitBuffer << 8) | data[position++];
                bitCount += 8;
            }

            if (bitCount < codeLength)
            {
                break;
            }

            var code = (int)((bitBuffer >> (bitCount - codeLength)) & ((1 << codeLength) - 1));
            bitCount -= codeLength;
            if (code == 256)
            {
                Reset();
                codeLength = 9;
                previous = null;
                continue;
            }

            if (code == 257)
            {
                break;
            }

            byte[] entry;
            if (code < table.Count)
            {
                entry = table[code];
                if (previous is not null && table.Count < 4096)
                {
                    table.Add([.. previous, entry[0]]);
                }
            }
            else if (code == table.Count && previous is not null)
            {
                entry = [.. previous, previous[0]];
                if (table.Count < 4096)
                {
                    table.Add(entry);
                }
            }
            else
            {
                throw Broken("LZWDecode", "code outside the table");
            }

            output.AddRange(entry);
            if (output.Count > MaxDecodedLength)
            {
                throw new PdfFormatException(PdfFormatReasons.StreamTooLarge, $"A stream decodes beyond {MaxDecodedLength} bytes.");
            }

            previous = entry;
            var next = table.Count + earlyChange;
            codeLength = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
        }

        return [.. output];
    }
}
