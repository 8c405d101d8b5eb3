using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Budget;

/// <summary>Fonksiyonel sınıflandırma (functional classification): four levels, <c>xx.x.x.xx</c>, e.g. 01.3.9.00.</summary>
public sealed record FunctionalCode
{
    public const string Shape = "99.9.9.99";

    private FunctionalCode(string value) => Value = value;

    public string Value { get; }

    public static Result<FunctionalCode> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        return CodePattern.Matches(text, Shape)
            ? Result<FunctionalCode>.Success(new FunctionalCode(text))
            : Result<FunctionalCode>.Failure("BUDGET_FUNCTIONAL_FORMAT", "Fonksiyonel sınıflandırma kodu xx.x.x.xx biçiminde olmalıdır (ör. 01.3.9.00).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static FunctionalCode From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value;
}
