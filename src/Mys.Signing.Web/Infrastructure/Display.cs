using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>Formatting for people: tr-TR, Turkey's time zone. Stored times stay UTC.</summary>
public static class Display
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? TurkeyTime.Format(v) : "—";

    /// <summary>The day in Turkey: "21.11.2026".</summary>
    public static string Date(DateTimeOffset value) => TurkeyTime.FormatDate(TurkeyTime.DateOf(value));

    /// <summary>A calendar day: "07.12.2026".</summary>
    public static string Date(DateOnly value) => TurkeyTime.FormatDate(value);

    /// <summary>A time that names its zone: "07.12.2026 07:38 TSİ".</summary>
    public static string Stamp(DateTimeOffset? value) => value is { } v ? TurkeyTime.Stamp(v) : "—";

    /// <summary>
    /// A machine code kept for support beside the Turkish sentence that explains it: <c>&lt;small class="kod"&gt;</c>. The
    /// page scan (docs/ui-words.md) accepts a code only inside such an element next to Turkish text.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Code(string? code) => string.IsNullOrEmpty(code)
        ? Microsoft.AspNetCore.Html.HtmlString.Empty
        : new Microsoft.AspNetCore.Html.HtmlString(
            $"<small class=\"kod\" title=\"Destek için kod\">(kod: <code>{System.Net.WebUtility.HtmlEncode(code)}</code>)</small>");

    /// <summary>A sentence that ends in "(kod: X)" (e.g. a report problem) with that code set small, as <see cref="Code"/> does.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Sentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf(" (kod: ", StringComparison.Ordinal);
        // Appended text is encoded by the page's own encoder, which writes Turkish letters as they are.
        return at < 0 || !text.EndsWith(')')
            ? new Microsoft.AspNetCore.Html.HtmlContentBuilder().Append(text)
            : new Microsoft.AspNetCore.Html.HtmlContentBuilder()
                .Append(text[..at]).AppendHtml(" ").AppendHtml(Code(text[(at + 7)..^1]));
    }

    public static string Amount(decimal value) => value.ToString("N2", Turkish) + " TL";

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024d)).ToString("0.#", Turkish) + " MB"
        : (bytes / 1024d).ToString("0.#", Turkish) + " KB";
}
