using System.Text;

namespace Mys.Signing.Bridge.Http;

/// <summary>
/// The local code page's three files (Http/CodePage/index.html, code.css, code.js), read from the assembly once at start-up.
/// The page is a template: its only variable part is the per-process page token in <see cref="TokenPlaceholder"/>.
/// </summary>
public sealed class CodePageAssets
{
    public const string TokenPlaceholder = "{{TOKEN}}";
    public const string PageResource = "Mys.Signing.Bridge.CodePage.index.html";
    public const string StyleResource = "Mys.Signing.Bridge.CodePage.code.css";
    public const string ScriptResource = "Mys.Signing.Bridge.CodePage.code.js";

    private readonly string _pageTemplate;

    private CodePageAssets(string pageTemplate, EmbeddedAsset style, EmbeddedAsset script)
    {
        _pageTemplate = pageTemplate;
        Style = style;
        Script = script;
    }

    public EmbeddedAsset Style { get; }

    public EmbeddedAsset Script { get; }

    public static CodePageAssets Load()
    {
        var page = EmbeddedAsset.Read(PageResource);
        var template = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(page.Content.Span);
        var first = template.IndexOf(TokenPlaceholder, StringComparison.Ordinal);
        if (first < 0 || template.IndexOf(TokenPlaceholder, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"{PageResource} must hold {TokenPlaceholder} exactly once.");
        }

        return new CodePageAssets(template, EmbeddedAsset.Read(StyleResource), EmbeddedAsset.Read(ScriptResource));
    }

    public string Page(LocalPageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _pageTemplate.Replace(TokenPlaceholder, token.Value, StringComparison.Ordinal);
    }
}
