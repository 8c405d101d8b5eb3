using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>Writes small PDFs byte by byte, so tests can break exactly one thing (an offset, a /Prev, an object stream).</summary>
internal sealed class TestPdfBuilder
{
    private readonly List<(int Number, byte[] Body)> _objects = [];

    /// <summary>Catalog 1, pages 2, page 3, signature field 4 (/T "imza1"), /Info 5 with a Turkish title.</summary>
    public static TestPdfBuilder Basic() => new TestPdfBuilder()
        .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>")
        .Object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        .Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>")
        .Object(4, "<< /FT /Sig /T (imza1) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /F 132 >>")
        .Object(5, "<< /Title <" + Convert.ToHexString([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(TurkishTitle)]) + "> >>");

    public const string TurkishTitle = "Ödeme Emri Belgesi — ışğüçö";

    public TestPdfBuilder Object(int number, string body) => Object(number, Latin1(body));

    public TestPdfBuilder Object(int number, byte[] body)
    {
        _objects.Add((number, body));
        return this;
    }

    public TestPdfBuilder Stream(int number, string dictionary, byte[] data) =>
        Object(number, [.. Latin1($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Latin1("\nendstream")]);

    /// <summary>An uncompressed object stream holding the given objects.</summary>
    public TestPdfBuilder ObjectStream(int number, params (int Number, string Body)[] objects)
    {
        var header = new StringBuilder();
        var body = new StringBuilder();
        foreach (var (n, text) in objects)
        {
            header.Append(CultureInfo.InvariantCulture, $"{n} {body.Length} ");
            body.Append(text).Append('\n');
        }

        var first = header.Length;
        return Stream(number, $"/Type /ObjStm /N {objects.Length} /First {first}", Latin1(header.ToString() + body));
    }

    /// <summary>Objects, then a classic xref table and trailer. <paramref name="junk"/> goes before "%PDF-".</summary>
    public byte[] Classic(string trailer = "/Root 1 0 R /Info 5 0 R", byte[]? junk = null, bool offsetsRelativeToHeader = false,
        Func<int, long, long>? offset = null, string? startxref = null)
    {
        var output = new List<byte>(junk ?? []);
        var shift = offsetsRelativeToHeader ? output.Count : 0;
        var offsets = WriteObjects(output);
        var xref = output.Count - shift;
        output.AddRange(Table(offsets.ToDictionary(o => o.Key, o => (offset?.Invoke(o.Key, o.Value - shift) ?? (o.Value - shift)))));
        output.AddRange(Latin1($"trailer\n<< /Size {Size} {trailer} >>\nstartxref\n{startxref ?? xref.ToString(CultureInfo.InvariantCulture)}\n%%EOF\n"));
        return [.. output];
    }

    /// <summary>Objects, then an xref stream (object <paramref name="xrefNumber"/>) listing them plus <paramref name="compressed"/> entries.</summary>
    public byte[] WithXrefStream(int xrefNumber, IReadOnlyDictionary<int, (int Stream, int Index)> compressed, string trailer = "/Root 1 0 R /Info 5 0 R",
        string? extra = null)
    {
        var output = new List<byte>();
        var offsets = WriteObjects(output);
        var at = output.Count;
        offsets[xrefNumber] = at;
        var rows = Rows(offsets, compressed, out var size);
        output.AddRange(Latin1($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {size} /W [1 4 2] {trailer} {extra} /Length {rows.Length} >>\nstream\n"));
        output.AddRange(rows);
        output.AddRange(Latin1($"\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n"));
        return [.. output];
    }

    /// <summary>
    /// A hybrid file: a classic table for the plain objects and, through /XRefStm, an xref stream for the compressed ones
    /// (which the table lists as free, so old readers skip them).
    /// </summary>
    public byte[] Hybrid(int xrefNumber, IReadOnlyDictionary<int, (int Stream, int Index)> compressed)
    {
        var output = new List<byte>();
        var offsets = WriteObjects(output);
        var stm = output.Count;
        var rows = Rows(new Dictionary<int, long>(), compressed, out _);
        output.AddRange(Latin1($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {Size + 1} /W [1 4 2] /Index [{compressed.Keys.Min()} {compressed.Keys.Max() - compressed.Keys.Min() + 1}] /Length {rows.Length} >>\nstream\n"));
        output.AddRange(rows.AsSpan(rows.Length - ((compressed.Keys.Max() - compressed.Keys.Min() + 1) * 7)).ToArray());
        output.AddRange(Latin1("\nendstream\nendobj\n"));
        var xref = output.Count;
        offsets[xrefNumber] = stm;
        output.AddRange(Table(offsets));
        output.AddRange(Latin1($"trailer\n<< /Size {Size + 1} /Root 1 0 R /Info 5 0 R /XRefStm {stm} >>\nstartxref\n{xref}\n%%EOF\n"));
        return [.. output];
    }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private int Size => _objects.Count == 0 ? 1 : _objects.Max(o => o.Number) + 1;

    private Dictionary<int, long> WriteObjects(List<byte> output)
    {
        output.AddRange(Latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new Dictionary<int, long>();
        foreach (var (number, body) in _objects)
        {
            offsets[number] = output.Count;
            output.AddRange(Latin1($"{number} 0 obj\n"));
            output.AddRange(body);
            output.AddRange(Latin1("\nendobj\n"));
        }

        return offsets;
    }

    private static byte[] Table(IReadOnlyDictionary<int, long> offsets)
    {
        var size = offsets.Keys.DefaultIfEmpty(0).Max() + 1;
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n");
        for (var n = 0; n < size; n++)
        {
            sb.Append(offsets.TryGetValue(n, out var o) ? o.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n\r\n" : "0000000000 65535 f\r\n");
        }

        return Latin1(sb.ToString());
    }

    private static byte[] Rows(Dictionary<int, long> offsets, IReadOnlyDictionary<int, (int Stream, int Index)> compressed, out int size)
    {
        size = offsets.Keys.Concat(compressed.Keys).DefaultIfEmpty(0).Max() + 1;
        var rows = new List<byte>();
        for (var n = 0; n < size; n++)
        {
            if (compressed.TryGetValue(n, out var c))
            {
                rows.AddRange([2, (byte)(c.Stream >> 24), (byte)(c.Stream >> 16), (byte)(c.Stream >> 8), (byte)c.Stream, (byte)(c.Index >> 8), (byte)c.Index]);
            }
            else if (offsets.TryGetValue(n, out var o))
            {
                rows.AddRange([1, (byte)(o >> 24), (byte)(o >> 16), (byte)(o >> 8), (byte)o, 0, 0]);
            }
            else
            {
                rows.AddRange([0, 0, 0, 0, 0, 0xFF, 0xFF]);
            }
        }

        return [.. rows];
    }
}
