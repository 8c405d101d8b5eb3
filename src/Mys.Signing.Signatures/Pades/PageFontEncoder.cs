using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// Reuses a Type0 (Identity-H) font already embedded on a page for appearance text: the font's /ToUnicode CMap is
/// inverted to map characters to glyph ids. Only characters present in the subset can be shown, so the renderer
/// prints the appearance vocabulary (the legal footer sentence, names) on the page.
/// </summary>
internal sealed partial class PageFontEncoder
{
    private readonly Dictionary<char, int> _codes;

    private PageFontEncoder(PdfReference font, Dictionary<char, int> codes)
    {
        Font = font;
        _codes = codes;
    }

    public PdfReference Font { get; }

    /// <summary>Finds a regular (non-bold) Type0 font on the page of <paramref name="field"/>.</summary>
    public static PageFontEncoder? ForField(PdfFile file, PdfDictionary field)
    {
        var page = file.ResolveDictionary(field["P"]);
        var fonts = file.ResolveDictionary(file.ResolveDictionary(page?["Resources"])?["Font"]);
        if (fonts is null)
        {
            return null;
        }

        PageFontEncoder? fallback = null;
        foreach (var entry in fonts.Entries)
        {
            if (entry.Value is not PdfReference reference || file.ResolveDictionary(reference) is not { } font
                || !string.Equals(font.NameOf("Subtype"), "Type0", StringComparison.Ordinal)
                || file.Resolve(font["ToUnicode"]) is not PdfStream toUnicode)
            {
                continue;
            }

            var encoder = new PageFontEncoder(reference, Parse(Encoding.Latin1.GetString(PdfFilters.Decode(toUnicode))));
            if (font.NameOf("BaseFont")?.Contains("Bold", StringComparison.Ordinal) != true)
            {
                return encoder;
            }

            fallback ??= encoder;
        }

        return fallback;
    }

    /// <summary>Hex glyph string for <paramref name="text"/>, or null when a character is not in the subset.</summary>
    public string? Encode(string text)
    {
        var sb = new StringBuilder("<");
        foreach (var c in text)
        {
            if (!_codes.TryGetValue(c, out var code))
            {
                return null;
            }

            sb.Append(code.ToString("X4", CultureInfo.InvariantCulture));
        }

        return sb.Append('>').ToString();
    }

    private static Dictionary<char, int> Parse(string cmap)
    {
        var codes = new Dictionary<char, int>();
        foreach (Match section in BfRange().Matches(cmap))
        {
            foreach (Match m in Triple().Matches(section.Groups[1].Value))
            {
                var lo = Hex(m.Groups[1].Value);
                var hi = Hex(m.Groups[2].Value);
                var dst = Hex(m.Groups[3].Value);
                for (var code = lo; code <= hi && code - lo < 512; code++)
                {
                    codes.TryAdd((char)(dst + code - lo), code);
                }
            }
        }

        foreach (Match section in BfChar().Matches(cmap))
        {
            foreach (Match m in Pair().Matches(section.Groups[1].Value))
            {
                if (m.Groups[2].Value.Length == 4)
                {
                    codes.TryAdd((char)Hex(m.Groups[2].Value), Hex(m.Groups[1].Value));
                }
            }
        }

        return codes;
    }

    private static int Hex(string value) => int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Triple();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();
}
