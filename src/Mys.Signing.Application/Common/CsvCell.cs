namespace Mys.Signing.Application.Common;

/// <summary>
/// One cell of a CSV export opened in a spreadsheet: a text that starts with <c>= + - @</c>, a tab or a carriage return
/// would be read as a formula (<c>=HYPERLINK(...)</c> in a user's name), so it gets a leading apostrophe, which the
/// spreadsheet shows as text. A plain number (e.g. "-5" days) stays a number. Quoted when it holds the separator, a
/// quote or a line break.
/// </summary>
public static class CsvCell
{
    private static readonly System.Buffers.SearchValues<char> NumberCharacters = System.Buffers.SearchValues.Create("0123456789.,");

    public static string Of(string? value, char separator = ';')
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(text))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static bool IsNumber(string text) =>
        text.Length > 1 && text[0] is '-' or '+' && text.AsSpan(1).IndexOfAnyExcept(NumberCharacters) < 0 && char.IsAsciiDigit(text[1]);
}
