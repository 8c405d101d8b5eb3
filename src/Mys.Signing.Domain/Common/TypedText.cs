using System.Globalization;

namespace Mys.Signing.Domain.Common;

/// <summary>
/// Free text a person typed (a name, an office, a description): trimmed, at most a given length, and without what would
/// change how the text around it reads once printed into a signed document: NUL and other control characters (line
/// breaks and tabs are allowed only where a text may have several lines) and the bidirectional embeddings, overrides,
/// isolates and marks (a payee shown as "Ali" that sorts and prints as another name).
/// </summary>
public static class TypedText
{
    /// <summary>The text trimmed (null when blank), or a Turkish refusal naming <paramref name="label"/>.</summary>
    public static Result<string?> Check(string? text, string label, int maxLength, bool multiline = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<string?>.Success(null);
        }

        var trimmed = text.Trim();
        if (trimmed.Length > maxLength)
        {
            return Result<string?>.Failure("TEXT_TOO_LONG", string.Create(CultureInfo.InvariantCulture, $"{label} en fazla {maxLength} karakter olabilir ({trimmed.Length} karakter girildi)."));
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (multiline && c is '\r' or '\n' or '\t')
            {
                continue;
            }

            if (IsForbidden(trimmed, i))
            {
                return Result<string?>.Failure("TEXT_CONTROL", $"{label} kontrol karakteri veya yazı yönünü değiştiren görünmez karakter içeremez.");
            }
        }

        return Result<string?>.Success(trimmed);
    }

    /// <summary>True when <paramref name="text"/> has a character <see cref="Check"/> refuses (a NUL, any control or bidi character).</summary>
    public static bool HasForbidden(string? text) => text is not null && Enumerable.Range(0, text.Length).Any(i => IsForbidden(text, i));

    private static bool IsForbidden(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            // Valid only as the second half of a pair (the UTF-8 the database stores has no lone halves).
            return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        }

        return IsForbidden(c);
    }

    private static bool IsForbidden(char c) =>
        char.IsControl(c) // C0 (NUL, CR, LF, TAB …), DEL, C1
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') // bidi marks, embeddings, overrides, isolates
        || c is '\u2028' or '\u2029' or '\uFEFF';
}
