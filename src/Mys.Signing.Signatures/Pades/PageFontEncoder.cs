using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Pades;

/// <summary>
/// Reuses a Type0 (Identity-H) font already embedded on a page for appearance text: the font's /ToUnicode CMap is
/// inverted to map characters to glyph ids. Only characters present in the subset can be shown, so the renderer
/// prints the appearance vocabulary (the legal footer sentence, names) on the page.
/// </summary>
internal sealed class PageFontEncoder
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

        // The regular face if there is one, else a bold one; only the chosen font's CMap is read.
        PdfReference? chosen = null;
        PdfStream? chosenMap = null;
        foreach (var entry in fonts.Entries)
        {
            if (entry.Value is not PdfReference reference || file.ResolveDictionary(reference) is not { } font
                || !string.Equals(font.NameOf("Subtype"), "Type0", StringComparison.Ordinal)
                || file.Resolve(font["ToUnicode"]) is not PdfStream toUnicode)
            {
                continue;
            }

            var bold = font.NameOf("BaseFont")?.Contains("Bold", StringComparison.Ordinal) == true;
            if (!bold || chosen is null)
            {
                (chosen, chosenMap) = (reference, toUnicode);
            }

            if (!bold)
            {
                break;
            }
        }

        return chosen is null ? null : new PageFontEncoder(chosen, Parse(PdfFilters.Decode(chosenMap!)));
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

    /// <summary>Inverts the CMap's bfrange (start, end, first destination) and bfchar (code, one BMP character) entries.</summary>
    private static Dictionary<char, int> Parse(ReadOnlySpan<byte> cmap)
    {
        var codes = new Dictionary<char, int>();
        foreach (var (start, end) in Sections(cmap, "beginbfrange"u8, "endbfrange"u8))
        {
            var section = cmap[start..end];
            while (NextHex(ref section, out var lo, out _) && NextHex(ref section, out var hi, out _))
            {
                if (section.TrimStart(" \t\r\n"u8) is [(byte)'[', ..] array)
                {
                    // A range mapped to an array of destinations: not produced for the page fonts, skipped.
                    var close = array.IndexOf((byte)']');
                    section = close < 0 ? [] : array[(close + 1)..];
                    continue;
                }

                if (!NextHex(ref section, out var dst, out _))
                {
                    break;
                }

                for (var code = lo; code <= hi && code - lo < 512; code++)
                {
                    codes.TryAdd((char)(dst + code - lo), code);
                }
            }
        }

        foreach (var (start, end) in Sections(cmap, "beginbfchar"u8, "endbfchar"u8))
        {
            var section = cmap[start..end];
            while (NextHex(ref section, out var code, out _) && NextHex(ref section, out var character, out var digits))
            {
                if (digits == 4)
                {
                    codes.TryAdd((char)character, code);
                }
            }
        }

        return codes;
    }

    private static List<(int Start, int End)> Sections(ReadOnlySpan<byte> cmap, ReadOnlySpan<byte> begin, ReadOnlySpan<byte> end)
    {
        var sections = new List<(int, int)>();
        var at = 0;
        while (true)
        {
            var from = cmap[at..].IndexOf(begin);
            if (from < 0)
            {
                return sections;
            }

            from += at + begin.Length;
            var to = cmap[from..].IndexOf(end);
            if (to < 0)
            {
                return sections;
            }

            sections.Add((from, from + to));
            at = from + to + end.Length;
        }
    }

    /// <summary>Reads the next &lt;hex&gt; string of <paramref name="text"/> as a number (1 to 8 digits).</summary>
    private static bool NextHex(ref ReadOnlySpan<byte> text, out int value, out int digits)
    {
        (value, digits) = (0, 0);
        var open = text.IndexOf((byte)'<');
        if (open < 0)
        {
            return false;
        }

        var close = text[open..].IndexOf((byte)'>');
        if (close < 0)
        {
            return false;
        }

        var hex = text.Slice(open + 1, close - 1);
        text = text[(open + close + 1)..];
        if (hex.Length is 0 or > 8 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        digits = hex.Length;
        return true;
    }
}
