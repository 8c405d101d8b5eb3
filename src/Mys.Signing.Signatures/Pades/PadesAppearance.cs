using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// A vector-only appearance (frame and tick) for a signed field. The role caption and the names are already drawn,
/// with the embedded Turkish font, in the page content by the renderer, so the update needs no font.
/// </summary>
internal static class PadesAppearance
{
    public static PdfStream Create(PdfDictionary field)
    {
        var rect = field["Rect"] as PdfArray;
        var values = rect?.Items.OfType<PdfNumber>().Select(n => n.DoubleValue).ToArray() ?? [0, 0, 0, 0];
        var width = values.Length == 4 ? Math.Abs(values[2] - values[0]) : 0;
        var height = values.Length == 4 ? Math.Abs(values[3] - values[1]) : 0;
        var content = width < 4 || height < 4
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture,
                $"q 0 0.45 0.2 RG 1.2 w 1 1 {width - 2:0.##} {height - 2:0.##} re S Q q 0 0.45 0.2 RG 2 w {width - 22:0.##} 12 m {width - 16:0.##} 6 l {width - 6:0.##} 18 l S Q");
        var dict = new PdfDictionary();
        dict["Type"] = new PdfName("XObject");
        dict["Subtype"] = new PdfName("Form");
        dict["BBox"] = new PdfArray([new PdfNumber(0), new PdfNumber(0), new PdfNumber(width.ToString("0.##", CultureInfo.InvariantCulture)), new PdfNumber(height.ToString("0.##", CultureInfo.InvariantCulture))]);
        dict["Resources"] = new PdfDictionary();
        return new PdfStream(dict, Encoding.ASCII.GetBytes(content));
    }
}
