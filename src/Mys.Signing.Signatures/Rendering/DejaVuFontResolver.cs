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

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        SerifFamily => new(bold ? "DejaVuSerif-Bold" : "DejaVuSerif"),
        MonoFamily => new(bold ? "DejaVuSansMono-Bold" : "DejaVuSansMono"),
        _ => new(bold ? "DejaVuSans-Bold" : "DejaVuSans"),
    };

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(folder, faceName + ".ttf"));
}
