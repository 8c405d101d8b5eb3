using Mys.Signing.Domain.Budget;

namespace Mys.Signing.Domain.Tests.Budget;

public sealed class BudgetClassificationTests
{
    [Fact]
    public void A_well_formed_classification_parses_and_prints_as_a_tertip()
    {
        var result = BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2.1.01");

        result.IsSuccess.ShouldBeTrue();
        result.Value.ToString().ShouldBe("38.01.00.05-01.3.9.00-1-03.2.1.01");
        result.Value.Financing.TurkishName.ShouldBe("Genel Bütçe");
    }

    [Theory]
    [InlineData("38.01.00.5", "BUDGET_INSTITUTIONAL_FORMAT")]
    [InlineData("38.01.00", "BUDGET_INSTITUTIONAL_FORMAT")]
    [InlineData("38-01-00-05", "BUDGET_INSTITUTIONAL_FORMAT")]
    [InlineData("", "BUDGET_INSTITUTIONAL_FORMAT")]
    public void Institutional_code_shape_is_enforced(string input, string code)
    {
        InstitutionalCode.Parse(input).Error!.Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("01.3.9.00", true)]
    [InlineData("01.39.00", false)]
    [InlineData("1.3.9.00", false)]
    [InlineData("01.3.9.0a", false)]
    public void Functional_code_shape_is_enforced(string input, bool valid)
    {
        FunctionalCode.Parse(input).IsSuccess.ShouldBe(valid);
    }

    [Theory]
    [InlineData("03.2.1.01", true)]
    [InlineData("03.5", false)]
    [InlineData("03.2.1.001", false)]
    public void Economic_code_shape_is_enforced(string input, bool valid)
    {
        EconomicCode.Parse(input).IsSuccess.ShouldBe(valid);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("9", true)]
    [InlineData("0", false)]
    [InlineData("12", false)]
    [InlineData("x", false)]
    public void Financing_type_is_one_digit(string input, bool valid)
    {
        FinancingType.Parse(input).IsSuccess.ShouldBe(valid);
    }

    [Fact]
    public void The_first_invalid_part_is_reported()
    {
        BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "0", "03.2").Error!.Code.ShouldBe("BUDGET_FINANCING_FORMAT");
        BudgetClassification.Parse("38.01.00.05", "01.3.9.00", "1", "03.2").Error!.Code.ShouldBe("BUDGET_ECONOMIC_FORMAT");
    }
}
