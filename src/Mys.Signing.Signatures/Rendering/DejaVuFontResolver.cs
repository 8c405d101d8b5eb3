using PdfSharp.Fonts;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>Maps every family to DejaVu Sans (Turkish glyphs), read from the system font folder.</summary>
public sealed class DejaVuFontResolver(string folder = DejaVuFontResolver.DefaultFolder) : IFontResolver
{
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver and the AGPL licence once per process.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            PdfSharp.PdfSharpLicense.SetAgplLicense();
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }

            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(folder, faceName + ".ttf"));
}
