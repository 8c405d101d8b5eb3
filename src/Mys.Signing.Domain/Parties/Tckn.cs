using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Parties;

/// <summary>T.C. kimlik numarası: 11 digits, first not 0, two check digits (domain.md §3).</summary>
public sealed record Tckn
{
    private Tckn(string value) => Value = value;

    public string Value { get; }

    public static Result<Tckn> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length != 11 || !text.All(char.IsAsciiDigit))
        {
            return Result<Tckn>.Failure("TCKN_FORMAT", "T.C. kimlik numarası 11 haneli olmalı ve yalnızca rakam içermelidir.");
        }

        if (text[0] == '0')
        {
            return Result<Tckn>.Failure("TCKN_FORMAT", "T.C. kimlik numarası 0 ile başlayamaz.");
        }

        return HasValidCheckDigits(text)
            ? Result<Tckn>.Success(new Tckn(text))
            : Result<Tckn>.Failure("TCKN_CHECKSUM", "T.C. kimlik numarası geçersiz (kontrol haneleri tutmuyor).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static Tckn From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    /// <summary>Allocation-free check, same outcome as <see cref="Parse"/>.</summary>
    public static bool IsValid(string? input)
    {
        var text = input.AsSpan().Trim();
        if (text.Length != 11 || text[0] == '0')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return HasValidCheckDigits(text);
    }

    /// <summary>Completes nine leading digits (first not 0) with the two check digits; for demo and test data.</summary>
    public static Tckn WithCheckDigits(string firstNine)
    {
        ArgumentNullException.ThrowIfNull(firstNine);
        if (firstNine.Length != 9 || !firstNine.All(char.IsAsciiDigit) || firstNine[0] == '0')
        {
            throw new ArgumentException("Nine digits, the first not 0.", nameof(firstNine));
        }

        var d = firstNine.Select(c => c - '0').ToArray();
        var tenth = ((((d[0] + d[2] + d[4] + d[6] + d[8]) * 7) - (d[1] + d[3] + d[5] + d[7])) % 10 + 10) % 10;
        var eleventh = (d.Sum() + tenth) % 10;
        return From(string.Create(CultureInfo.InvariantCulture, $"{firstNine}{tenth}{eleventh}"));
    }

    private static bool HasValidCheckDigits(ReadOnlySpan<char> text)
    {
        Span<int> d = stackalloc int[11];
        for (var i = 0; i < 11; i++)
        {
            d[i] = text[i] - '0';
        }

        var odd = d[0] + d[2] + d[4] + d[6] + d[8];
        var even = d[1] + d[3] + d[5] + d[7];
        var tenth = (((odd * 7) - even) % 10 + 10) % 10;
        if (tenth != d[9])
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += d[i];
        }

        return sum % 10 == d[10];
    }

    public override string ToString() => Value;
}
