using System.Globalization;
using Mys.Signing.Domain.Amounts;

namespace Mys.Signing.Domain.Tests.Amounts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1234.56", 1234.56)]
    [InlineData("0", 0)]
    [InlineData("-5.5", -5.5)]
    [InlineData(" 10.10 ", 10.10)]
    public void Machine_form_parses(string input, double expected)
    {
        Money.Parse(input).Value.Amount.ShouldBe((decimal)expected);
    }

    [Theory]
    [InlineData("1234.567", "MONEY_PRECISION")]
    [InlineData("1,234.56", "MONEY_FORMAT")]
    [InlineData("12a", "MONEY_FORMAT")]
    [InlineData("", "MONEY_FORMAT")]
    [InlineData(null, "MONEY_FORMAT")]
    public void Bad_input_is_refused(string? input, string code)
    {
        Money.Parse(input).Error!.Code.ShouldBe(code);
    }

    [Fact]
    public void More_than_two_decimals_are_refused_rather_than_rounded()
    {
        Money.Of(0.001m).Error!.Code.ShouldBe("MONEY_PRECISION");
        Should.Throw<Common.DomainException>(() => Money.From(1.005m));
    }

    [Fact]
    public void Trailing_zero_decimals_are_accepted_and_scale_is_normalised()
    {
        Money.Of(12.500m).Value.ToString().ShouldBe("12.50");
        Money.From(5m).ShouldBe(Money.From(5.00m));
        Money.From(5m).GetHashCode().ShouldBe(Money.From(5.00m).GetHashCode());
    }

    [Fact]
    public void Arithmetic_and_comparison_work_in_kurus()
    {
        var a = Money.From(100.10m);
        var b = Money.From(0.20m);

        (a + b).Amount.ShouldBe(100.30m);
        (b - a).Amount.ShouldBe(-99.90m);
        (b - a).IsNegative.ShouldBeTrue();
        (a > b).ShouldBeTrue();
        (-a).Amount.ShouldBe(-100.10m);
        Money.Zero.IsZero.ShouldBeTrue();
    }

    [Fact]
    public void Lira_and_kurus_parts_are_split()
    {
        var m = Money.From(1234.56m);

        m.Lira.ShouldBe(1234);
        m.Kurus.ShouldBe(56);
    }

    [Fact]
    public void Formatting_is_invariant_for_machines_and_turkish_for_people_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-CH");
            var m = Money.From(1234567.5m);

            m.ToString().ShouldBe("1234567.50");
            m.ToTurkishString().ShouldBe("1.234.567,50 TL");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
