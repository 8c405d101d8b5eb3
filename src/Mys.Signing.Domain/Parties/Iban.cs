using System.Text;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Parties;

/// <summary>
/// A Turkish IBAN: "TR" + 2 check digits + 5-digit bank code + reserve digit + 16-character account, 26 characters,
/// ISO 7064 mod-97 (domain.md §3). Input may contain spaces; the value is stored without them, upper case.
/// </summary>
public sealed record Iban
{
    public const int Length = 26;

    private Iban(string value) => Value = value;

    /// <summary>Normalised form: no spaces, upper case, e.g. <c>TR330006100519786457841326</c>.</summary>
    public string Value { get; }

    /// <summary>The 5-digit bank code (banka kodu).</summary>
    public string BankCode => Value.Substring(4, 5);

    public static Result<Iban> Parse(string? input)
    {
        var text = Normalise(input);
        if (text.Length != Length)
        {
            return Result<Iban>.Failure("IBAN_FORMAT", "IBAN TR ile başlamalı ve boşluklar hariç 26 karakter olmalıdır.");
        }

        if (!text.StartsWith("TR", StringComparison.Ordinal))
        {
            return Result<Iban>.Failure("IBAN_COUNTRY", "Yalnızca Türkiye IBAN'ı (TR ile başlayan) kabul edilir.");
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return Result<Iban>.Failure("IBAN_FORMAT", "Türkiye IBAN'ında TR'den sonra yalnızca rakam bulunur.");
            }
        }

        return Mod97(text) == 1
            ? Result<Iban>.Success(new Iban(text))
            : Result<Iban>.Failure("IBAN_CHECKSUM", "IBAN geçersiz (kontrol basamakları tutmuyor).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static Iban From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    /// <summary>Groups of four for people: <c>TR33 0006 1005 1978 6457 8413 26</c>.</summary>
    public string ToDisplayString()
    {
        var builder = new StringBuilder(Length + 6);
        for (var i = 0; i < Value.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append(Value[i]);
        }

        return builder.ToString();
    }

    public override string ToString() => Value;

    private static string Normalise(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    // Rearranged: characters 5..26, then the first four; letters map to 10..35. Computed digit by digit.
    private static int Mod97(string text)
    {
        var remainder = 0;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[(k + 4) % text.Length];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder;
    }
}
