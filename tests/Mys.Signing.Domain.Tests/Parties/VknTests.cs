using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Parties;

public sealed class VknTests
{
    [Theory]
    [InlineData("4540536920")]
    [InlineData("1234567890")]
    [InlineData(" 4540536920 ")]
    public void Valid_numbers_from_the_domain_notes_parse(string input)
    {
        var result = Vkn.Parse(input);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Value.ShouldBe(input.Trim());
    }

    [Theory]
    [InlineData("4540536921", "VKN_CHECKSUM")]
    [InlineData("1234567891", "VKN_CHECKSUM")]
    [InlineData("454053692", "VKN_FORMAT")]
    [InlineData("45405369200", "VKN_FORMAT")]
    [InlineData("45405369a0", "VKN_FORMAT")]
    [InlineData("", "VKN_FORMAT")]
    [InlineData(null, "VKN_FORMAT")]
    public void Invalid_numbers_are_refused_with_a_turkish_message(string? input, string code)
    {
        var result = Vkn.Parse(input);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code);
        result.Error.Message.ShouldContain("Vergi kimlik numarası");
    }

    [Fact]
    public void Exactly_one_check_digit_fits_each_nine_digit_prefix()
    {
        Enumerable.Range(0, 10).Count(d => Vkn.IsValid("454053692" + (char)('0' + d))).ShouldBe(1);
    }

    [Fact]
    public void From_throws_on_an_invalid_value()
    {
        Should.Throw<Common.DomainException>(() => Vkn.From("4540536921")).Code.ShouldBe("VKN_CHECKSUM");
    }
}
