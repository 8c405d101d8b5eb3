using System.Buffers;
using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>Maps every family to DejaVu Sans (Turkish glyphs), except DejaVu Serif and DejaVu Sans Mono; read from the system font folder.</summary>
public sealed class DejaVuFontResolver(string folder = DejaVuFontResolver.DefaultFolder) : IFontResolver
{
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }

            _installed = true;
        }
    }

    /// <summary>Serif and monospaced DejaVu faces (also in Debian's fonts-dejavu-core), e.g. for generated test documents.</summary>
    public const string SerifFamily = "DejaVu Serif";
    public const string MonoFamily = "DejaVu Sans Mono";

    /// <summary>
    /// DejaVu Sans reduced to <see cref="FormCharacters"/> (<see cref="TrueTypeSubset"/>, built once per process). A
    /// document printed with it embeds that small font as it is, so PDFsharp does not compute a subset of the whole face
    /// for every document (≈ 0.4 MB allocated per face and document).
    /// </summary>
    public const string FormFamily = "DejaVu Sans Form";

    private const string FormSuffix = "-Form";

    /// <summary>What an ÖEB form prints in practice: ASCII, the Turkish letters (with â, î, û), typographic punctuation.</summary>
    public static readonly SearchValues<char> FormCharacters = SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c)) + "ÇçĞğİıÖöŞşÜüÂâÎîÛû…–—‘’“”•€₺°·×");

    private static readonly ConcurrentDictionary<string, byte[]> FormFaces = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="text"/> prints with the <see cref="FormFamily"/> faces.</summary>
    public static bool FormFontCovers(string text) => !text.AsSpan().ContainsAnyExcept(FormCharacters);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        FormFamily => new(bold ? "DejaVuSans-Bold" + FormSuffix : "DejaVuSans" + FormSuffix),
        SerifFamily => new(bold ? "DejaVuSerif-Bold" : "DejaVuSerif"),
        MonoFamily => new(bold ? "DejaVuSansMono-Bold" : "DejaVuSansMono"),
        _ => new(bold ? "DejaVuSans-Bold" : "DejaVuSans"),
    };

    public byte[]? GetFont(string faceName) => faceName.EndsWith(FormSuffix, StringComparison.Ordinal)
        ? FormFaces.GetOrAdd(faceName, name => TrueTypeSubset.Create(ReadFace(name[..^FormSuffix.Length]), FormCharacterList(), FormFamily,
            name.Contains("-Bold", StringComparison.Ordinal) ? "Bold" : "Book"))
        : ReadFace(faceName);

    private byte[] ReadFace(string faceName) => File.ReadAllBytes(Path.Combine(folder, faceName + ".ttf"));

    private static IEnumerable<char> FormCharacterList() =>
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => FormCharacters.Contains(c));
}
