using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Rewrites a freshly rendered (never signed) PDF so every Flate stream is a complete zlib stream: PDFsharp 6.5 omits
/// the Adler-32 trailer and qpdf --check complains. Must run before the first signature, because it rewrites the file.
/// </summary>
public static class PdfFlateFixer
{
    public static byte[] Fix(byte[] pdf) => Fix(pdf, null);

    /// <summary>As <see cref="Fix(byte[])"/>, also writing the objects <paramref name="replacements"/> returns in place of the originals.</summary>
    public static byte[] Fix(byte[] pdf, Func<PdfFile, IReadOnlyDictionary<int, PdfObject>>? replacements)
    {
        var file = PdfFile.Load(pdf);
        if (file.UsesXrefStream || file.Xref.Values.Any(e => e.Type == 2))
        {
            return replacements is null ? pdf : throw new NotSupportedException("Object replacement needs a classic xref table.");
        }

        var replaced = replacements?.Invoke(file) ?? new Dictionary<int, PdfObject>();

        // The file grows by the Adler-32s and the replacements: it is written into a pooled buffer with room for that
        // and copied out once at its size (a growing stream regrew to twice the file); an unusual file that needs more
        // room is written again into a stream that grows.
        var buffer = ArrayPool<byte>.Shared.Rent(pdf.Length + Slack);
        try
        {
            using var pooled = new MemoryStream(buffer, 0, buffer.Length, writable: true, publiclyVisible: true);
            Write(pooled, file, replaced);
            return buffer.AsSpan(0, (int)pooled.Position).ToArray();
        }
        catch (NotSupportedException)
        {
            using var growing = new MemoryStream(pdf.Length * 2);
            Write(growing, file, replaced);
            return growing.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int Slack = 64 * 1024;

    private static void Write(MemoryStream output, PdfFile file, IReadOnlyDictionary<int, PdfObject> replaced)
    {
        var pdf = file.Bytes;
        var numbers = file.Xref.Where(e => e.Value.Type == 1).Select(e => e.Key).OrderBy(n => n).ToList();
        var firstOffset = numbers.Count == 0 ? pdf.Length : (int)numbers.Min(n => file.Xref[n].Offset);
        var ends = ObjectEnds(file, numbers);
        output.Write(pdf, 0, firstOffset);
        var offsets = new Dictionary<int, long>();
        foreach (var number in numbers)
        {
            offsets[number] = output.Position;
            var start = (int)file.Xref[number].Offset;
            var raw = pdf.AsSpan(start, ends[number] - start);
            if (!replaced.ContainsKey(number) && raw.IndexOf("stream"u8) < 0 && IsOneObject(raw, number, file.GenerationOf(number)))
            {
                // Not a stream and not replaced: its bytes as they are (no parse and re-serialization).
                output.Write(raw);
                continue;
            }

            var value = replaced.TryGetValue(number, out var replacement) ? replacement : file.GetObject(number)!;
            Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{number} {file.GenerationOf(number)} obj\n"));
            if (value is PdfStream stream && PdfFilters.IsFlate(stream.Dictionary) && stream.Dictionary["DecodeParms"] is null)
            {
                WriteWithAdler(output, stream);
            }
            else
            {
                PdfSerializer.Write(output, value);
            }

            Ascii(output, "\nendobj\n");
        }

        var xrefOffset = output.Position;
        var size = Math.Max(file.Size, numbers.Count == 0 ? 1 : numbers[^1] + 1);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n"));
        output.Write("0000000000 65535 f\r\n"u8);
        Span<byte> line = stackalloc byte[20];
        for (var n = 1; n < size; n++)
        {
            if (offsets.TryGetValue(n, out var off))
            {
                "0000000000 00000 n\r\n"u8.CopyTo(line);
                Utf8Formatter.TryFormat(off, line[..10], out _, new StandardFormat('D', 10));
                Utf8Formatter.TryFormat(file.GenerationOf(n), line.Slice(11, 5), out _, new StandardFormat('D', 5));
                output.Write(line);
            }
            else
            {
                output.Write("0000000000 00000 f\r\n"u8);
            }
        }

        var trailer = file.Trailer.Clone();
        trailer["Prev"] = null;
        trailer["XRefStm"] = null;
        trailer["Size"] = new PdfNumber(size);
        Ascii(output, "trailer\n");
        PdfSerializer.Write(output, trailer);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefOffset}\n%%EOF\n"));
    }

    /// <summary>"N G obj … endobj" and nothing else but white space (an older revision's xref table may follow an object).</summary>
    private static bool IsOneObject(ReadOnlySpan<byte> raw, int number, int generation)
    {
        Span<byte> header = stackalloc byte[32];
        return Encoding.ASCII.TryGetBytes(string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj"), header, out var length)
               && raw.StartsWith(header[..length]) && raw.TrimEnd(" \t\r\n\f\0"u8).EndsWith("endobj"u8);
    }

    /// <summary>Where each object's bytes end: at the next object's offset, the last one at the xref table.</summary>
    private static Dictionary<int, int> ObjectEnds(PdfFile file, List<int> numbers)
    {
        var byOffset = numbers.OrderBy(n => file.Xref[n].Offset).ToList();
        var ends = new Dictionary<int, int>(byOffset.Count);
        for (var i = 0; i < byOffset.Count; i++)
        {
            var end = i + 1 < byOffset.Count ? file.Xref[byOffset[i + 1]].Offset : file.StartXref;
            ends[byOffset[i]] = (int)Math.Clamp(end, file.Xref[byOffset[i]].Offset, file.Bytes.Length);
        }

        return ends;
    }

    /// <summary>
    /// Writes the stream as <see cref="PdfSerializer"/> does, with the Adler-32 of the inflated data after the deflate
    /// bytes unless they already end with it; the data is written as it is, not copied into a longer array.
    /// </summary>
    private static void WriteWithAdler(Stream output, PdfStream stream)
    {
        var zlib = stream.Data;
        var checksum = new Adler32();
        PdfFilters.Inflate(zlib, checksum.Append);
        var adler = checksum.Value;
        ReadOnlySpan<byte> trailer = [(byte)(adler >> 24), (byte)(adler >> 16), (byte)(adler >> 8), (byte)adler];
        if (zlib.AsSpan().EndsWith(trailer))
        {
            trailer = [];
        }

        var dictionary = stream.Dictionary.Clone();
        dictionary["Length"] = new PdfNumber(zlib.Length + trailer.Length);
        PdfSerializer.Write(output, dictionary);
        Ascii(output, "\nstream\n");
        output.Write(zlib);
        output.Write(trailer);
        Ascii(output, "\nendstream");
    }

    /// <summary>RFC 1950's checksum, fed piece by piece.</summary>
    private sealed class Adler32
    {
        private const uint Modulus = 65521;
        private const int MaxBlock = 5552; // the longest run whose sums cannot overflow 32 bits before the modulo
        private uint _a = 1;
        private uint _b;

        public uint Value => (_b << 16) | _a;

        public void Append(ReadOnlySpan<byte> span)
        {
            while (span.Length > 0)
            {
                var block = span[..Math.Min(MaxBlock, span.Length)];
                foreach (var d in block)
                {
                    _a += d;
                    _b += _a;
                }

                _a %= Modulus;
                _b %= Modulus;
                span = span[block.Length..];
            }
        }
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
