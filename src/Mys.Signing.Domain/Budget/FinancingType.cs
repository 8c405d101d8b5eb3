using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Budget;

/// <summary>
/// Finansman tipi: one digit 1–9 (1 = genel bütçe, 2 = özel bütçe, 3 = düzenleyici ve denetleyici kurum;
/// names for the other digits are not confirmed by our sources, so only the digit is validated).
/// </summary>
public sealed record FinancingType
{
    private FinancingType(int value) => Value = value;

    public int Value { get; }

    /// <summary>Turkish name where the sources confirm it, otherwise null.</summary>
    public string? TurkishName => Value switch
    {
        1 => "Genel Bütçe",
        2 => "Özel Bütçe",
        3 => "Düzenleyici ve Denetleyici Kurum",
        _ => null,
    };

    public static Result<FinancingType> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        return text.Length == 1 && text[0] is >= '1' and <= '9'
            ? Result<FinancingType>.Success(new FinancingType(text[0] - '0'))
            : Result<FinancingType>.Failure("BUDGET_FINANCING_FORMAT", "Finansman tipi 1-9 arasında tek haneli bir rakam olmalıdır.");
    }

    public static FinancingType From(int value)
    {
        var result = Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
