using System.Globalization;
using System.Text.RegularExpressions;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Amounts;

/// <summary>
/// Reads an amount the way a Turkish accountant types it, the one parser behind every amount field.
/// Accepted: plain digits ("11800"), a decimal comma ("11800,5", "111,86"), thousands dots with or without kuruş
/// ("11.800,00", "1.234.567,89", "1.234" = one thousand two hundred thirty-four lira), an optional leading minus and
/// an optional trailing "TL"/"₺". A single dot followed by one or two digits and nothing else ("1234.56") is a decimal
/// point: thousands groups always have three digits, so that reading is unambiguous and machine-made values still parse.
/// Refused: anything else, e.g. "1.2.3" (groups not of three), "12,345,67" (two commas), "1,234.56" (English form),
/// "1,2345" and "1234.567" (more than two kuruş digits).
/// </summary>
public static partial class AmountText
{
    /// <summary>The example every message and placeholder shows.</summary>
    public const string Example = "11.800,00";

    public const string FormatMessage =
        "Tutar Türkçe yazılmalıdır: binlik ayırıcı nokta, kuruş ayırıcı virgül (ör. 11.800,00 veya 11800,5). "
        + "Virgülsüz \"1.234\" bin iki yüz otuz dört lira olarak okunur.";

    public const string PrecisionMessage = "Virgülden sonra en fazla iki basamak (kuruş) yazılabilir (ör. 11.800,00).";

    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    /// <summary>Parses <paramref name="input"/> into a decimal (not yet checked for range; <see cref="Money.Parse"/> does that).</summary>
    public static Result<decimal> Read(string? input)
    {
        var text = StripCurrency(input?.Trim() ?? string.Empty);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..].TrimStart();
        }

        string? integerDigits;
        string fraction;
        var turkish = TurkishForm().Match(text);
        if (turkish.Success)
        {
            integerDigits = turkish.Groups["int"].Value.Replace(".", string.Empty, StringComparison.Ordinal);
            fraction = turkish.Groups["frac"].Value;
        }
        else if (DotDecimalForm().Match(text) is { Success: true } dot)
        {
            integerDigits = dot.Groups["int"].Value;
            fraction = dot.Groups["frac"].Value;
        }
        else
        {
            return Result<decimal>.Failure("MONEY_FORMAT", FormatMessage);
        }

        if (fraction.Length > 2)
        {
            return Result<decimal>.Failure("MONEY_PRECISION", PrecisionMessage);
        }

        var machine = fraction.Length == 0 ? integerDigits : integerDigits + "." + fraction;
        if (!decimal.TryParse(machine, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return Result<decimal>.Failure("MONEY_RANGE", RangeMessage);
        }

        return Result<decimal>.Success(negative ? -value : value);
    }

    internal const string RangeMessage = "Tutar çok büyük: en fazla 16 basamaklı (9.999.999.999.999.999,99 TL) olabilir.";

    /// <summary>How an amount is shown in a form field: "11.800,00" (tr-TR, no currency), read back by <see cref="Read"/>.</summary>
    public static string ForInput(decimal amount) => amount.ToString("#,##0.00", Turkish);

    private static string StripCurrency(string text)
    {
        if (text.EndsWith("TL", StringComparison.OrdinalIgnoreCase))
        {
            return text[..^2].TrimEnd();
        }

        return text.EndsWith('₺') ? text[..^1].TrimEnd() : text;
    }

    // Digits, or thousands groups (a leading group of 1-3 digits not starting with 0, then groups of exactly three),
    // then optionally a comma and the kuruş digits (any count here, so that too many gets its own message).
    [GeneratedRegex(@"^(?<int>[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?<frac>[0-9]+))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TurkishForm();

    // The machine form "1234.56": a single dot and the kuruş digits (three or more digits only reach here when the
    // integer part is not a thousands grouping, e.g. "1234.567" or "0.001", and are then refused as too precise).
    [GeneratedRegex(@"^(?<int>[0-9]+)\.(?<frac>[0-9]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DotDecimalForm();
}
