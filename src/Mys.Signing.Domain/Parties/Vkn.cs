using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Parties;

/// <summary>Vergi kimlik numarası: 10 digits, the last one a check digit (domain.md §3, python-stdnum algorithm).</summary>
public sealed record Vkn
{
    private Vkn(string value) => Value = value;

    public string Value { get; }

    public static Result<Vkn> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length != 10 || !IsAllDigits(text))
        {
            return Result<Vkn>.Failure("VKN_FORMAT", "Vergi kimlik numarası 10 haneli olmalı ve yalnızca rakam içermelidir.");
        }

        return CheckDigit(text) == text[9] - '0'
            ? Result<Vkn>.Success(new Vkn(text))
            : Result<Vkn>.Failure("VKN_CHECKSUM", "Vergi kimlik numarası geçersiz (kontrol hanesi tutmuyor).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static Vkn From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    /// <summary>Allocation-free check, same outcome as <see cref="Parse"/>.</summary>
    public static bool IsValid(string? input)
    {
        var text = input.AsSpan().Trim();
        return text.Length == 10 && IsAllDigits(text) && CheckDigit(text) == text[9] - '0';
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int CheckDigit(ReadOnlySpan<char> text)
    {
        var sum = 0;
        for (var i = 1; i <= 9; i++)
        {
            var t = (text[i - 1] - '0' + 10 - i) % 10;
            if (t == 0)
            {
                continue;
            }

            var p = (t * (1 << (10 - i))) % 9;
            sum += p == 0 ? 9 : p;
        }

        return (10 - (sum % 10)) % 10;
    }

    public override string ToString() => Value;
}
