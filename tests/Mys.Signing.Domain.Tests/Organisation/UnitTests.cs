using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Tests.Organisation;

public sealed class UnitTests
{
    [Theory]
    [InlineData("38.10.00.30", true)]
    [InlineData("38.10.00", false)]
    [InlineData("38-10-00-30", false)]
    [InlineData("3a.10.00.30", false)]
    public void Spending_unit_needs_a_four_level_institutional_code(string code, bool valid)
    {
        SpendingUnit.Create(Guid.NewGuid(), Guid.NewGuid(), "Birim", code, Guid.NewGuid()).IsSuccess.ShouldBe(valid);
    }

    [Fact]
    public void Spending_unit_must_be_served_by_an_accounting_unit()
    {
        SpendingUnit.Create(Guid.NewGuid(), Guid.NewGuid(), "Birim", "38.10.00.30", Guid.Empty).Error!.Code.ShouldBe("SPENDING_UNIT_ACCOUNTING");
    }

    [Theory]
    [InlineData("06.01.001", true)]
    [InlineData("12345", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    public void Accounting_unit_code_is_digits_and_dots(string code, bool valid)
    {
        AccountingUnit.Create(Guid.NewGuid(), Guid.NewGuid(), "Muhasebe", code).IsSuccess.ShouldBe(valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Names_are_required(string name)
    {
        Institution.Create(Guid.NewGuid(), name).IsSuccess.ShouldBeFalse();
        SpendingUnit.Create(Guid.NewGuid(), Guid.NewGuid(), name, "38.10.00.30", Guid.NewGuid()).IsSuccess.ShouldBeFalse();
        AccountingUnit.Create(Guid.NewGuid(), Guid.NewGuid(), name, "06.01.001").IsSuccess.ShouldBeFalse();
    }
}
