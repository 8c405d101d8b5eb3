using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Parties;

public sealed class TcknTests
{
    [Theory]
    [InlineData("10000000146")]
    [InlineData("12345678950")]
    [InlineData("11111111110")]
    [InlineData(" 10000000146 ")]
    public void Valid_numbers_parse(string input)
    {
        var result = Tckn.Parse(input);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Value.ShouldBe(input.Trim());
    }

    [Theory]
    [InlineData("12345678901", "TCKN_CHECKSUM")]
    [InlineData("10000000147", "TCKN_CHECKSUM")]
    [InlineData("10000000156", "TCKN_CHECKSUM")]
    [InlineData("01234567890", "TCKN_FORMAT")]
    [InlineData("1234567890", "TCKN_FORMAT")]
    [InlineData("123456789012", "TCKN_FORMAT")]
    [InlineData("1000000014a", "TCKN_FORMAT")]
    [InlineData("", "TCKN_FORMAT")]
    [InlineData(null, "TCKN_FORMAT")]
    public void Invalid_numbers_are_refused_with_a_turkish_message(string? input, string code)
    {
        var result = Tckn.Parse(input);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code);
        result.Error.Message.ShouldContain("kimlik");
    }

    [Fact]
    public void From_throws_on_an_invalid_value()
    {
        Should.Throw<Common.DomainException>(() => Tckn.From("12345678901"));
    }

    [Theory]
    [InlineData("100000001")]
    [InlineData("123456789")]
    [InlineData("987654321")]
    public void Check_digits_completed_from_nine_digits_give_a_valid_number(string firstNine)
    {
        var tckn = Tckn.WithCheckDigits(firstNine);

        tckn.Value.ShouldStartWith(firstNine);
        Tckn.IsValid(tckn.Value).ShouldBeTrue();
    }
}
