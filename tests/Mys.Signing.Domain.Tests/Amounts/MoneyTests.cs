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
    [InlineData("11.800,00", 11800)]
    [InlineData("111,86", 111.86)]
    [InlineData("11800", 11800)]
    [InlineData("11800,5", 11800.5)]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("-1.234,5", -1234.5)]
    [InlineData("0,05", 0.05)]
    [InlineData("11.800,00 TL", 11800)]
    [InlineData("250 ₺", 250)]
    public void Turkish_form_parses(string input, double expected)
    {
        Money.Parse(input).Value.Amount.ShouldBe((decimal)expected);
    }

    [Theory]
    [InlineData("1.234", 1234)]
    [InlineData("12.345", 12345)]
    [InlineData("1.234.567", 1234567)]
    public void A_thousands_dot_without_a_comma_is_read_as_thousands_as_a_turkish_accountant_reads_it(string input, double expected)
    {
        Money.Parse(input).Value.Amount.ShouldBe((decimal)expected);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("12,345,67")]
    [InlineData("1,234.56")]
    [InlineData("1.234.56")]
    [InlineData("12.34.567")]
    [InlineData("1 234,56")]
    [InlineData("12a")]
    [InlineData(",5")]
    [InlineData("5,")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_or_ambiguous_input_is_refused_with_the_expected_form_shown(string? input)
    {
        var error = Money.Parse(input).Error!;

        error.Code.ShouldBe("MONEY_FORMAT");
        error.Message.ShouldContain("ör. 11.800,00");
        error.Message.ShouldContain("\"1.234\" bin iki yüz otuz dört lira");
    }

    [Theory]
    [InlineData("1,2345")]
    [InlineData("1,234")]
    [InlineData("1.234,567")]
    [InlineData("1234.567")]
    [InlineData("0.001")]
    public void More_than_two_kurus_digits_are_refused_never_rounded(string input)
    {
        var error = Money.Parse(input).Error!;

        error.Code.ShouldBe("MONEY_PRECISION");
        error.Message.ShouldBe("Virgülden sonra en fazla iki basamak (kuruş) yazılabilir (ör. 11.800,00).");
    }

    [Fact]
    public void What_a_form_shows_is_turkish_and_reads_back_to_the_same_amount()
    {
        var amount = Money.From(1234567.5m);

        amount.ToInputString().ShouldBe("1.234.567,50");
        Money.Parse(amount.ToInputString()).Value.ShouldBe(amount);
        Money.From(-0.5m).ToInputString().ShouldBe("-0,50");
        Money.Parse(Money.From(-0.5m).ToInputString()).Value.ShouldBe(Money.From(-0.5m));
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
