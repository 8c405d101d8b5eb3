using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// Appearance of a signed field: a frame, a tick, and (when the page's embedded DejaVu subset has the glyphs)
/// "Elektronik olarak imzalanmıştır", the signer's name and the time, drawn with that Turkish-capable font.
/// </summary>
internal static class PadesAppearance
{
    public const string Legend = "Elektronik olarak imzalanmıştır";

    public static PdfStream Create(PdfFile file, PdfDictionary field, IEnumerable<string> lines)
    {
        var rect = file.Resolve(field["Rect"]) as PdfArray;
        var values = rect?.Items.OfType<PdfNumber>().Select(n => n.DoubleValue).ToArray() ?? [];
        var width = values.Length == 4 ? Math.Abs(values[2] - values[0]) : 0;
        var height = values.Length == 4 ? Math.Abs(values[3] - values[1]) : 0;
        var content = new StringBuilder();
        var resources = new PdfDictionary();
        if (width >= 4 && height >= 4)
        {
            content.Append(CultureInfo.InvariantCulture,
                $"q 0 0.45 0.2 RG 1.2 w 1 1 {width - 2:0.##} {height - 2:0.##} re S Q q 0 0.45 0.2 RG 2 w {width - 22:0.##} 12 m {width - 16:0.##} 6 l {width - 6:0.##} 18 l S Q\n");
            var encoder = PageFontEncoder.ForField(file, field);
            if (encoder is not null)
            {
                var fonts = new PdfDictionary();
                fonts["F1"] = encoder.Font;
                resources["Font"] = fonts;
                content.Append("BT 0 0.3 0.15 rg /F1 7 Tf 9 TL 4 ").Append((height - 46).ToString("0.##", CultureInfo.InvariantCulture)).Append(" Td\n");
                foreach (var line in lines)
                {
                    if (encoder.Encode(line) is { } hex)
                    {
                        content.Append(hex).Append(" Tj T*\n");
                    }
                }

                content.Append("ET\n");
            }
        }

        var dict = new PdfDictionary();
        dict["Type"] = new PdfName("XObject");
        dict["Subtype"] = new PdfName("Form");
        dict["BBox"] = new PdfArray([new PdfNumber(0), new PdfNumber(0), Number(width), Number(height)]);
        dict["Resources"] = resources;
        return new PdfStream(dict, Encoding.ASCII.GetBytes(content.ToString()));
    }

    private static PdfNumber Number(double value) => new(value.ToString("0.##", CultureInfo.InvariantCulture));
}
