using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Identity;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Account;

/// <summary>
/// Password-login throttling over real HTTP: per address, per account from an address, and one answer for an
/// unknown user, a wrong password, a deactivated account and a throttled account (no account enumeration).
/// </summary>
public sealed partial class LoginThrottleTests(AddressedAppFixture fixture) : IClassFixture<AddressedAppFixture>
{
    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    [Fact]
    public async Task Failures_from_one_address_throttle_that_address_while_another_address_and_the_real_user_still_log_in()
    {
        var (attacker, _) = ClientAddresses.Browser(fixture.App, "192.0.2.10");
        for (var i = 0; i < LoginThrottling.AddressLimit; i++)
        {
            var unknown = Domain.Parties.Tckn.WithCheckDigits((400_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Value;
            (await SessionTests.LoginAsync(attacker, unknown, "Yanlış.Parola.123")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        }

        var throttled = await SessionTests.LoginAsync(attacker, Tckn(Role.AccountingOfficer));
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await ErrorOf(throttled)).ShouldBe(AccountMessages.AddressThrottled.Message);

        var (other, _) = ClientAddresses.Browser(fixture.App, "192.0.2.11");
        (await SessionTests.LoginAsync(other, Tckn(Role.AccountingOfficer))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Guessing_a_known_tckn_from_one_address_blocks_only_that_address_for_that_account()
    {
        var victim = Tckn(Role.SpendingAuthority);
        var (attacker, _) = ClientAddresses.Browser(fixture.App, "198.51.100.7");
        for (var i = 0; i < LoginThrottling.PairLimit * 3; i++)
        {
            await SessionTests.LoginAsync(attacker, victim, "Tahmin.Parola." + i);
        }

        // From the guessing address even the right password is refused, with the same words as a wrong one...
        var refused = await SessionTests.LoginAsync(attacker, victim);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ErrorOf(refused)).ShouldBe(AccountMessages.LoginFailed.Message);

        // ...while the person logs in from their own computer.
        var (own, _) = ClientAddresses.Browser(fixture.App, "198.51.100.8");
        (await SessionTests.LoginAsync(own, victim)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.CountAsync(e => e.Action == "LoginThrottled")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_unknown_user_a_wrong_password_a_deactivated_and_a_throttled_account_get_the_same_answer()
    {
        var (client, _) = ClientAddresses.Browser(fixture.App, "203.0.113.5");
        var unknown = await ErrorOf(await SessionTests.LoginAsync(client, Domain.Parties.Tckn.WithCheckDigits("500000001").Value));
        var wrong = await ErrorOf(await SessionTests.LoginAsync(client, Tckn(Role.AccountingStaff), "Yanlış.Parola.2026"));
        var (guesser, _) = ClientAddresses.Browser(fixture.App, "203.0.113.6");
        for (var i = 0; i < LoginThrottling.PairLimit; i++)
        {
            await SessionTests.LoginAsync(guesser, Tckn(Role.RealizationOfficer), "Yanlış.Parola." + i);
        }

        var throttled = await ErrorOf(await SessionTests.LoginAsync(guesser, Tckn(Role.RealizationOfficer)));
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var user = await db.Users.SingleAsync(u => u.Tckn == Tckn(Role.DataEntryOfficer));
            user.Deactivate(DateTimeOffset.UtcNow).IsSuccess.ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        var deactivated = await ErrorOf(await SessionTests.LoginAsync(client, Tckn(Role.DataEntryOfficer)));

        unknown.ShouldBe(AccountMessages.LoginFailed.Message);
        wrong.ShouldBe(unknown);
        throttled.ShouldBe(unknown);
        deactivated.ShouldBe(unknown);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        var match = ErrorPattern().Match(await response.Content.ReadAsStringAsync());
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No error shown.");
    }

    [GeneratedRegex("<div class=\"alert error\" role=\"alert\">([^<]*)</div>")]
    private static partial Regex ErrorPattern();
}
