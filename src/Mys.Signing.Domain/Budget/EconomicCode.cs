using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Budget;

/// <summary>Ekonomik sınıflandırma (economic classification): four levels, <c>xx.x.x.xx</c>, e.g. 03.2.1.01 (Kırtasiye Alımları).</summary>
public sealed record EconomicCode
{
    public const string Shape = "99.9.9.99";

    private EconomicCode(string value) => Value = value;

    public string Value { get; }

    public static Result<EconomicCode> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        return CodePattern.Matches(text, Shape)
            ? Result<EconomicCode>.Success(new EconomicCode(text))
            : Result<EconomicCode>.Failure("BUDGET_ECONOMIC_FORMAT", "Ekonomik sınıflandırma kodu xx.x.x.xx biçiminde olmalıdır (ör. 03.2.1.01).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static EconomicCode From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value;
}
