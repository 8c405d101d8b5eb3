using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// A code of the public accounting chart (hesap planı): three digits, optionally followed by '.'-separated
/// digit sub-codes, e.g. <c>630</c>, <c>320.01</c>, <c>150.01.02</c>.
/// </summary>
public sealed record AccountCode
{
    private AccountCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The three-digit main account (e.g. "630").</summary>
    public string MainAccount => Value[..3];

    public static Result<AccountCode> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        return IsWellFormed(text)
            ? Result<AccountCode>.Success(new AccountCode(text))
            : Result<AccountCode>.Failure("ACCOUNT_CODE_FORMAT", "Hesap kodu üç haneli olmalı; alt kodlar nokta ile ayrılmalıdır (ör. 630 veya 320.01).");
    }

    public static AccountCode From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value;

    private static bool IsWellFormed(string text)
    {
        if (text.Length < 3 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]))
        {
            return false;
        }

        var segmentLength = -1; // -1: inside the main account
        for (var i = 3; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segmentLength = 0;
            }
            else if (char.IsAsciiDigit(text[i]) && segmentLength >= 0)
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segmentLength != 0;
    }
}
