using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>The three sizes and weights a page prints in, from one family.</summary>
internal sealed record PageFonts(XFont Regular, XFont Bold, XFont Title, bool Subset)
{
    /// <summary>DejaVu Sans reduced to <see cref="DejaVuFontResolver.FormCharacters"/>.</summary>
    public static PageFonts Form { get; } = Of(DejaVuFontResolver.FormFamily, subset: true);

    /// <summary>The whole DejaVu Sans faces (PDFsharp embeds the subset each document uses).</summary>
    public static PageFonts Complete { get; } = Of(DejaVuFontResolver.Family, subset: false);

    public bool Covers(string text) => !Subset || DejaVuFontResolver.FormFontCovers(text);

    private static PageFonts Of(string family, bool subset)
    {
        // The subset is embedded as it is: it is already as small as the form's characters allow.
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode, subset ? PdfFontEmbedding.EmbedCompleteFontFile : PdfFontEmbedding.TryComputeSubset);
        return new PageFonts(new XFont(family, 8.5, XFontStyleEx.Regular, options), new XFont(family, 8.5, XFontStyleEx.Bold, options),
            new XFont(family, 14, XFontStyleEx.Bold, options), subset);
    }
}
