using Mys.Signing.Infrastructure.Signing;
using Shouldly;
using Xunit;

namespace Mys.Signing.Infrastructure.Tests.Signing;

public sealed class VerificationCodeTests
{
    [Fact]
    public void New_codes_have_four_groups_of_crockford_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCode.New()).ToList();
        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"));
        codes.Distinct(StringComparer.Ordinal).Count().ShouldBe(codes.Count);
        VerificationCode.Normalise(codes[0]).ShouldBe(codes[0]);
    }

    [Theory]
    [InlineData("7k2m 9qxd 04ht zrbw", "7K2M-9QXD-04HT-ZRBW")]
    [InlineData("7K2M-9QXD-O4HT-ZRBW", "7K2M-9QXD-04HT-ZRBW")]
    [InlineData("IL00-0000-0000-0000", "1100-0000-0000-0000")]
    public void Normalise_accepts_what_people_read_off_paper(string typed, string expected) =>
        VerificationCode.Normalise(typed).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7K2M-9QXD-04HT")]
    [InlineData("7K2M-9QXD-04HT-ZRBW-0")]
    [InlineData("7K2M-9QXD-04HT-ZRBU")]
    [InlineData("'; DROP TABLE x --")]
    public void Normalise_refuses_what_cannot_be_a_code(string? typed) => VerificationCode.Normalise(typed).ShouldBeNull();
}
