using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Organisation;

namespace Mys.Signing.Domain.Tests.Access;

public sealed class PasswordPolicyTests
{
    private const string Tckn = "10000000146";

    [Theory]
    [InlineData("Demo.Parola.2026")]
    [InlineData("Kuzey-Rüzgarı7")]
    [InlineData("kırmızı elma 42 tane")]
    [InlineData("Ankara'da 3 Kış Geçti")]
    public void A_long_varied_uncommon_password_is_accepted(string password) =>
        PasswordPolicy.Check(password, Tckn).IsSuccess.ShouldBeTrue();

    [Theory]
    [InlineData("", "PASSWORD_EMPTY", "boş olamaz")]
    [InlineData("Kısa.Parola", "PASSWORD_TOO_SHORT", "en az 12 karakter")]
    [InlineData("A1.10000000146", "PASSWORD_CONTAINS_TCKN", "T.C. kimlik numaranızı")]
    [InlineData("tamamenkucukharf", "PASSWORD_TOO_SIMPLE", "en az üç türü")]
    [InlineData("Parola123456", "PASSWORD_COMMON", "yaygın")]
    [InlineData("ŞİFRE.2026.2026", "PASSWORD_COMMON", "yaygın")]
    [InlineData("Qwerty.123456", "PASSWORD_COMMON", "yaygın")]
    [InlineData("Galatasaray1905", "PASSWORD_COMMON", "yaygın")]
    [InlineData("aA1aA1aA1aA1aA1", "PASSWORD_COMMON", "yaygın")]
    public void A_password_the_policy_refuses_gets_its_own_turkish_reason(string password, string code, string message)
    {
        var result = PasswordPolicy.Check(password, Tckn);

        result.Error!.Code.ShouldBe(code);
        result.Error.Message.ShouldContain(message);
    }

    [Fact]
    public void Twelve_characters_is_the_shortest_accepted_and_over_128_is_refused()
    {
        PasswordPolicy.Check("Kx7.mnbvcxzl", Tckn).IsSuccess.ShouldBeTrue();
        PasswordPolicy.Check("Kx7.mnbvcxz", Tckn).Error!.Code.ShouldBe("PASSWORD_TOO_SHORT");
        PasswordPolicy.Check("Kx7." + new string('q', 125), Tckn).Error!.Code.ShouldBe("PASSWORD_TOO_LONG");
    }

    [Fact]
    public void Resetting_a_password_follows_the_deactivation_rule_and_never_oneself()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var su1 = Guid.NewGuid();
        var su2 = Guid.NewGuid();
        var au = Guid.NewGuid();
        var topology = new UnitTopology(new Dictionary<Guid, Guid> { [su1] = au, [su2] = au }, new HashSet<Guid> { au });
        var admin = new AccessHolder(Guid.NewGuid(), true, [RoleAssignment.BootstrapSystemAdministrator(Guid.NewGuid(), now)]);
        AccessHolder Grant(AccessHolder holder, Role role, Guid unit) =>
            holder with { Assignments = [.. holder.Assignments, RoleGrants.Grant(admin, holder, role, unit, "kurulum", topology, now).Value] };
        var identityAdmin = Grant(new AccessHolder(Guid.NewGuid(), true, []), Role.IdentityAdministrator, su1);
        var clerk = Grant(new AccessHolder(Guid.NewGuid(), true, []), Role.DataEntryOfficer, su1);
        var twoUnits = Grant(clerk, Role.DataEntryOfficer, su2);

        PasswordReset.Check(identityAdmin, clerk).IsSuccess.ShouldBeTrue();
        PasswordReset.Check(identityAdmin, twoUnits).Error!.Code.ShouldBe("PASSWORD_RESET_NOT_PERMITTED");
        PasswordReset.Check(identityAdmin, identityAdmin).Error!.Code.ShouldBe("PASSWORD_RESET_SELF");
        PasswordReset.Check(admin, twoUnits).IsSuccess.ShouldBeTrue();
    }
}
