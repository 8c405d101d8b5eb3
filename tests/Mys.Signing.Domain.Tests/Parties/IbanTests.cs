using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Parties;

public sealed class IbanTests
{
    [Theory]
    [InlineData("TR330006100519786457841326", "TR330006100519786457841326")]
    [InlineData("TR420006100000000012345678", "TR420006100000000012345678")]
    [InlineData("TR33 0006 1005 1978 6457 8413 26", "TR330006100519786457841326")]
    [InlineData("  tr33 0006 1005 1978 6457 8413 26 ", "TR330006100519786457841326")]
    public void Valid_ibans_parse_and_are_normalised(string input, string expected)
    {
        Iban.Parse(input).Value.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("TR330006100519786457841327", "IBAN_CHECKSUM")]
    [InlineData("TR430006100000000012345678", "IBAN_CHECKSUM")]
    [InlineData("TR33000610051978645784132", "IBAN_FORMAT")]
    [InlineData("DE89370400440532013000000", "IBAN_FORMAT")]
    [InlineData("DE8937040044053201300000AB", "IBAN_COUNTRY")]
    [InlineData("TR3300061005197864578413A6", "IBAN_FORMAT")]
    [InlineData("", "IBAN_FORMAT")]
    [InlineData(null, "IBAN_FORMAT")]
    public void Invalid_ibans_are_refused(string? input, string code)
    {
        var result = Iban.Parse(input);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe(code);
        result.Error.Message.ShouldContain("IBAN");
    }

    [Fact]
    public void Display_form_groups_by_four_and_bank_code_is_exposed()
    {
        var iban = Iban.From("TR330006100519786457841326");

        iban.ToDisplayString().ShouldBe("TR33 0006 1005 1978 6457 8413 26");
        iban.BankCode.ShouldBe("00061");
    }
}
