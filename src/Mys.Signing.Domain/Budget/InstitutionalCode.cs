using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Budget;

/// <summary>Kurumsal sınıflandırma (institutional classification): four two-digit levels, <c>xx.xx.xx.xx</c>.</summary>
public sealed record InstitutionalCode
{
    public const string Shape = "99.99.99.99";

    private InstitutionalCode(string value) => Value = value;

    public string Value { get; }

    public static Result<InstitutionalCode> Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        return CodePattern.Matches(text, Shape)
            ? Result<InstitutionalCode>.Success(new InstitutionalCode(text))
            : Result<InstitutionalCode>.Failure("BUDGET_INSTITUTIONAL_FORMAT", "Kurumsal sınıflandırma kodu xx.xx.xx.xx biçiminde olmalıdır (ör. 38.01.00.05).");
    }

    /// <summary>For values already validated (e.g. read back from the database).</summary>
    public static InstitutionalCode From(string value)
    {
        var result = Parse(value);
        return result.IsSuccess ? result.Value : throw new DomainException(result.Error!.Code, result.Error.Message);
    }

    public override string ToString() => Value;
}
