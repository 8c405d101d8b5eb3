using System.Security.Cryptography;
using System.Text;

namespace Mys.Signing.Infrastructure.Signing;

/// <summary>
/// The code printed on a signed ÖEB for the public verification page: 16 Crockford base-32 characters (80 random
/// bits) in four groups, e.g. <c>7K2M-9QXD-04HT-ZRBW</c>. Lookups normalise case, spaces and the confusable
/// letters (O→0, I/L→1), so what a person reads off paper still matches.
/// </summary>
public static class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var builder = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(Alphabet[random[i] & 31]);
        }

        return builder.ToString();
    }

    /// <summary>The canonical form of what a visitor typed, or null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var chars = new StringBuilder(16);
        foreach (var c in typed.ToUpperInvariant())
        {
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (mapped is '-' or ' ')
            {
                continue;
            }

            if (Alphabet.IndexOf(mapped, StringComparison.Ordinal) < 0 || chars.Length == 16)
            {
                return null;
            }

            chars.Append(mapped);
        }

        if (chars.Length != 16)
        {
            return null;
        }

        return string.Join('-', chars.ToString().Chunk(4).Select(g => new string(g)));
    }
}
