using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Parties;

public sealed class IsValidAgreesWithParseTests
{
    [Theory]
    [InlineData("4540536920")]
    [InlineData("4540536921")]
    [InlineData("1234567890")]
    [InlineData("10000000146")]
    [InlineData("12345678901")]
    [InlineData("01234567890")]
    [InlineData(" 10000000146 ")]
    [InlineData("45405369a0")]
    [InlineData("")]
    [InlineData(null)]
    public void The_allocation_free_checks_agree_with_parse(string? input)
    {
        Vkn.IsValid(input).ShouldBe(Vkn.Parse(input).IsSuccess);
        Tckn.IsValid(input).ShouldBe(Tckn.Parse(input).IsSuccess);
        TaxId.IsValid(input).ShouldBe(TaxId.Parse(input).IsSuccess);
    }
}
