using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>Writes attacker updates with raw bytes (what a hex editor or a few lines of script would do).</summary>
public static class PdfAttackBuilder
{
    /// <summary>Appends objects (and xref entries pointing numbers at existing offsets) as one classic update.</summary>
    public static byte[] AppendUpdate(byte[] pdf, IEnumerable<(int Number, string Body)> objects, IEnumerable<(int Number, long Offset)>? redirects = null,
        int? root = null)
    {
        var file = PdfFile.Load(pdf);
        using var output = new MemoryStream();
        output.Write(pdf);
        var entries = new SortedDictionary<int, long>();
        foreach (var (number, body) in objects)
        {
            entries[number] = output.Position;
            Ascii(output, $"{number} 0 obj\n{body}\nendobj\n");
        }

        foreach (var (number, offset) in redirects ?? [])
        {
            entries[number] = offset;
        }

        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var (number, offset) in entries)
        {
            table.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n\r\n");
        }

        Ascii(output, table.ToString());
        var size = Math.Max(file.Size, entries.Count == 0 ? 0 : entries.Keys.Max() + 1);
        var info = file.Trailer["Info"] is PdfReference i ? $" /Info {i}" : string.Empty;
        Ascii(output, $"trailer\n<< /Size {size} /Root {root ?? file.CatalogReference.Number} 0 R{info} /Prev {file.StartXref} >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    public static string Stream(string content) => $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream";

    public static byte[] Concat(byte[] pdf, string text) => [.. pdf, .. Encoding.ASCII.GetBytes(text)];

    public static PdfReference FirstPage(PdfFile file) => (PdfReference)((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0];

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
