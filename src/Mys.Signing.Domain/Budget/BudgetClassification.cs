using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Budget;

/// <summary>
/// The budget line (tertip) an ÖEB is charged to: kurumsal, fonksiyonel, finansman tipi and ekonomik codes,
/// printed as <c>kurumsal-fonksiyonel-finansman-ekonomik</c>.
/// </summary>
public sealed record BudgetClassification(InstitutionalCode Institutional, FunctionalCode Functional, FinancingType Financing, EconomicCode Economic)
{
    /// <summary>Parses the four parts and reports the first invalid one.</summary>
    public static Result<BudgetClassification> Parse(string? institutional, string? functional, string? financing, string? economic)
    {
        var i = InstitutionalCode.Parse(institutional);
        if (!i.IsSuccess)
        {
            return Result<BudgetClassification>.Failure(i.Error!);
        }

        var f = FunctionalCode.Parse(functional);
        if (!f.IsSuccess)
        {
            return Result<BudgetClassification>.Failure(f.Error!);
        }

        var t = FinancingType.Parse(financing);
        if (!t.IsSuccess)
        {
            return Result<BudgetClassification>.Failure(t.Error!);
        }

        var e = EconomicCode.Parse(economic);
        return e.IsSuccess
            ? Result<BudgetClassification>.Success(new BudgetClassification(i.Value, f.Value, t.Value, e.Value))
            : Result<BudgetClassification>.Failure(e.Error!);
    }

    public override string ToString() => $"{Institutional}-{Functional}-{Financing}-{Economic}";
}
