using System.Globalization;
using System.Text;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// The name an attachment is shown and signed under. A file name arrives from the uploader's machine and ends up in the
/// signed ÖEB's attachments table, in Content-Disposition headers and as an entry name in ASiC-E bundles, so nothing in it
/// may change how the text around it reads: control characters (C0 including CR/LF, DEL, C1), bidirectional embeddings,
/// overrides, isolates and marks, zero-width and other invisible format characters are removed, line breaks and tabs become
/// a space. The result is NFC, trimmed, at most <see cref="MaxLength"/> characters (the extension kept) and never empty.
/// The name as received is kept only in the upload's audit event.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 120;

    /// <summary>Used when nothing printable is left.</summary>
    public const string Fallback = "ek";

    // Extensions longer than this are not treated as extensions when shortening ("rapor.2026-mart-ek-belgeler").
    private const int MaxExtensionLength = 10;

    /// <summary>
    /// The name as received, refused before anything is stored when it cannot be a file name: longer than
    /// <see cref="PaymentOrderLimits.FileNameLength"/> characters or with a NUL (no file system allows one; it is a sign
    /// of a crafted request). Everything else unwanted is removed by <see cref="Clean"/>.
    /// </summary>
    public static Result Check(string? name)
    {
        if (name is null)
        {
            return Result.Success();
        }

        if (name.Length > PaymentOrderLimits.FileNameLength)
        {
            return Result.Failure("FILE_NAME_TOO_LONG", string.Create(CultureInfo.InvariantCulture,
                $"Dosya adı en fazla {PaymentOrderLimits.FileNameLength} karakter olabilir ({name.Length} karakter). Dosyayı daha kısa bir adla kaydedip yeniden yükleyin."));
        }

        return name.Contains('\0', StringComparison.Ordinal)
            ? Result.Failure("FILE_NAME_INVALID", "Dosya adı geçersiz bir karakter (NUL) içeriyor. Dosyayı yeniden adlandırıp yükleyin.")
            : Result.Success();
    }

    public static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Fallback;
        }

        // Composed first, so that a base letter and its combining mark stay together whatever is removed next.
        var text = name.IsNormalized(NormalizationForm.FormC) ? name : Normalize(name);
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
                if (category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse))
                {
                    builder.Append(c).Append(text[i + 1]);
                    lastWasSpace = false;
                }

                i++;
                continue;
            }

            if (IsBreak(c) || char.IsWhiteSpace(c))
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsRemoved(c))
            {
                continue;
            }

            // Path separators would make a file name a path in a ZIP or on the recipient's disk.
            builder.Append(c is '/' or '\\' ? '_' : c);
            lastWasSpace = false;
        }

        var cleaned = Bound(builder.ToString().Trim());
        return cleaned.Length == 0 || cleaned is "." or ".." ? Fallback : cleaned;
    }

    /// <summary>
    /// Names made distinct (ignoring case, as most unzip tools do): a repeated name gets " (2)", " (3)", … before its
    /// extension. The first occurrence keeps its name; the order is kept.
    /// </summary>
    public static IReadOnlyList<string> Distinct(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        var pending = names.ToList();
        foreach (var name in pending)
        {
            taken.Add(name);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in pending)
        {
            if (seen.Add(name))
            {
                result.Add(name);
                continue;
            }

            var (stem, extension) = Split(name);
            for (var n = 2; ; n++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
                var room = MaxLength - extension.Length - suffix.Length;
                var candidate = Truncate(stem, Math.Max(room, 1)) + suffix + extension;
                if (taken.Add(candidate))
                {
                    seen.Add(candidate);
                    result.Add(candidate);
                    break;
                }
            }
        }

        return result;
    }

    private static string Normalize(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates cannot be normalised; they are removed below in any case.
            var builder = new StringBuilder(name.Length);
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    builder.Append(name[i]).Append(name[++i]);
                }
                else if (!char.IsSurrogate(name[i]))
                {
                    builder.Append(name[i]);
                }
            }

            return builder.ToString().Normalize(NormalizationForm.FormC);
        }
    }

    private static bool IsBreak(char c) => c is '\r' or '\n' or '\t' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsRemoved(char c) =>
        char.IsControl(c) // C0, DEL, C1
        || char.IsSurrogate(c) // unpaired
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') // bidi marks, embeddings, overrides, isolates
        || c is (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' // zero-width characters, soft hyphen
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse; // any other invisible format character

    private static string Bound(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var (stem, extension) = Split(name);
        return (Truncate(stem, MaxLength - extension.Length).TrimEnd() + extension).Trim();
    }

    private static (string Stem, string Extension) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name.Length - dot <= MaxExtensionLength && !name[dot..].Contains(' ', StringComparison.Ordinal)
            ? (name[..dot], name[dot..])
            : (name, string.Empty);
    }

    // Cut on a text element boundary so that a surrogate pair or a letter with its combining marks is never split.
    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var end = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (end > length)
            {
                break;
            }

            cut = end;
        }

        return text[..cut];
    }
}
