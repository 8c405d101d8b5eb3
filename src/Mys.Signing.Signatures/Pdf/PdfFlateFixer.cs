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

        var numbers = file.Xref.Where(e => e.Value.Type == 1).Select(e => e.Key).OrderBy(n => n).ToList();
        var firstOffset = numbers.Count == 0 ? pdf.Length : (int)numbers.Min(n => file.Xref[n].Offset);
        using var output = new MemoryStream(pdf.Length + 256);
        output.Write(pdf, 0, firstOffset);
        var offsets = new Dictionary<int, long>();
        foreach (var number in numbers)
        {
            var value = replaced.TryGetValue(number, out var replacement) ? replacement : file.GetObject(number)!;
            offsets[number] = output.Position;
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
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n"));
        sb.Append("0000000000 65535 f\r\n");
        for (var n = 1; n < size; n++)
        {
            sb.Append(offsets.TryGetValue(n, out var off)
                ? string.Create(CultureInfo.InvariantCulture, $"{off:D10} {file.GenerationOf(n):D5} n\r\n")
                : "0000000000 00000 f\r\n");
        }

        Ascii(output, sb.ToString());
        var trailer = file.Trailer.Clone();
        trailer["Prev"] = null;
        trailer["XRefStm"] = null;
        trailer["Size"] = new PdfNumber(size);
        Ascii(output, "trailer\n");
        PdfSerializer.Write(output, trailer);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefOffset}\n%%EOF\n"));
        return output.ToArray();
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
