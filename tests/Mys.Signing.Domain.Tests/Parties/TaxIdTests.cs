using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Parties;

public sealed class TaxIdTests
{
    [Fact]
    public void A_ten_digit_id_is_a_vkn()
    {
        var id = TaxId.Parse("4540536920").Value;

        id.Kind.ShouldBe(TaxIdKind.Vkn);
        id.Label.ShouldBe("VKN");
    }

    [Fact]
    public void An_eleven_digit_id_is_a_tckn()
    {
        var id = TaxId.Parse("10000000146").Value;

        id.Kind.ShouldBe(TaxIdKind.Tckn);
        id.Label.ShouldBe("TCKN");
    }

    [Theory]
    [InlineData("4540536921", "VKN_CHECKSUM")]
    [InlineData("12345678901", "TCKN_CHECKSUM")]
    [InlineData("123456789", "TAXID_FORMAT")]
    [InlineData("123456789012", "TAXID_FORMAT")]
    [InlineData(null, "TAXID_FORMAT")]
    public void Invalid_ids_keep_the_underlying_code(string? input, string code)
    {
        TaxId.Parse(input).Error!.Code.ShouldBe(code);
    }

    [Fact]
    public void Equal_values_are_equal()
    {
        TaxId.From("4540536920").ShouldBe(TaxId.FromVkn(Vkn.From("4540536920")));
    }
}
