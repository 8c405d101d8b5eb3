using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Account;

/// <summary>
/// Sessions that end, over real HTTP through the test server: logout, the profile's "end session", a password reset
/// and a deactivation each make the old login cookie useless at once; a one-time password allows only its change.
/// </summary>
public sealed partial class SessionTests(AddressedAppFixture fixture) : IClassFixture<AddressedAppFixture>
{
    private static string Su1Users => $"/Units/{DemoData.SpendingUnitId}/Users";

    private static string Su1Create => $"/Units/{DemoData.SpendingUnitId}/CreateUser";

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    [Fact]
    public async Task An_old_login_cookie_sent_after_logout_gets_the_login_page()
    {
        var (browser, jar) = ClientAddresses.Browser(fixture.App, "10.1.0.1");
        (await LoginAsync(browser, Tckn(Role.AccountingStaff))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = AuthCookie(jar);
        (await GetWithCookieAsync("/Account/Profile", cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logout = await MysAppFactory.PostFormAsync(browser, "/Account/Logout", new Dictionary<string, string>());
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replayed = await GetWithCookieAsync("/Account/Profile", cookie);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await AuditCountAsync("LoggedOut")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_session_ended_from_the_profile_page_stops_that_cookie_and_keeps_the_others()
    {
        var tckn = Tckn(Role.RealizationOfficer);
        var (office, _) = ClientAddresses.Browser(fixture.App, "10.2.0.1");
        var (home, homeJar) = ClientAddresses.Browser(fixture.App, "10.2.0.2");
        await LoginAsync(office, tckn);
        await LoginAsync(home, tckn);

        var profile = await office.GetStringAsync("/Account/Profile");
        profile.ShouldContain("10.2.0.2");
        profile.ShouldContain("Bu oturum");
        var homeSession = await SessionIdAsync(tckn, "10.2.0.2");
        var ended = await MysAppFactory.PostFormAsync(office, "/Account/Profile?handler=EndSession", new Dictionary<string, string> { ["sessionId"] = homeSession.ToString() });

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var replayed = await GetWithCookieAsync("/Account/Profile", AuthCookie(homeJar));
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await office.GetAsync("/Account/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditCountAsync("SessionEnded", homeSession.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task Someone_elses_session_cannot_be_ended()
    {
        var (victim, victimJar) = ClientAddresses.Browser(fixture.App, "10.3.0.1");
        await LoginAsync(victim, Tckn(Role.SpendingAuthority));
        var victimSession = await SessionIdAsync(Tckn(Role.SpendingAuthority), "10.3.0.1");
        var (other, _) = ClientAddresses.Browser(fixture.App, "10.3.0.2");
        await LoginAsync(other, Tckn(Role.DataEntryOfficer));

        var response = await MysAppFactory.PostFormAsync(other, "/Account/Profile?handler=EndSession", new Dictionary<string, string> { ["sessionId"] = victimSession.ToString() });

        (await response.Content.ReadAsStringAsync()).ShouldContain("Oturum bulunamadı");
        (await GetWithCookieAsync("/Account/Profile", AuthCookie(victimJar))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_user_must_change_the_one_time_password_first_and_a_reset_ends_their_sessions_and_forces_it_again()
    {
        var (admin, _) = ClientAddresses.Browser(fixture.App, "10.4.0.1");
        await LoginAsync(admin, Tckn(Role.IdentityAdministrator));
        var tckn = Domain.Parties.Tckn.WithCheckDigits("300000017").Value;
        var created = await MysAppFactory.PostFormAsync(admin, Su1Create, new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["FullName"] = "Derya Yeni", ["Title"] = "Memur",
        }, Su1Create);
        var oneTime = OneTimePassword(await created.Content.ReadAsStringAsync());
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        await MysAppFactory.PostFormAsync(admin, $"/Units/{DemoData.SpendingUnitId}/AssignRole", new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Yeni görevlendirme",
        }, $"/Units/{DemoData.SpendingUnitId}/AssignRole");

        // First login: every page leads to the change form, until the password is the user's own.
        var (user, userJar) = ClientAddresses.Browser(fixture.App, "10.4.0.2");
        var login = await LoginAsync(user, tckn, oneTime);
        login.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");
        foreach (var page in new[] { "/", "/Account/Profile", "/Units" })
        {
            var refused = await user.GetAsync(page);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");
        }

        var same = await ChangePasswordAsync(user, oneTime, oneTime);
        (await same.Content.ReadAsStringAsync()).ShouldContain("eski parolanızla aynı olamaz");
        var weak = await ChangePasswordAsync(user, oneTime, "Parola2026!!");
        (await weak.Content.ReadAsStringAsync()).ShouldContain("yaygın");
        var changed = await ChangePasswordAsync(user, oneTime, "Derya'nın Yeni Parolası 7");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await user.GetAsync("/Account/Profile")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditCountAsync("PasswordChanged")).ShouldBeGreaterThan(0);

        // The identity administrator resets it: the open session ends, the old password is gone, the new one is one-time again.
        var userId = await UserIdAsync(tckn);
        var reset = await MysAppFactory.PostFormAsync(admin, $"{Su1Users}?handler=ResetPassword", new Dictionary<string, string> { ["userId"] = userId.ToString() }, Su1Users);
        var resetHtml = await reset.Content.ReadAsStringAsync();
        var second = OneTimePassword(resetHtml);
        second.ShouldNotBe(oneTime);
        (await admin.GetStringAsync(Su1Users)).ShouldNotContain(second);

        var replayed = await GetWithCookieAsync("/Account/Profile", AuthCookie(userJar));
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
        var (again, _) = ClientAddresses.Browser(fixture.App, "10.4.0.3");
        (await LoginAsync(again, tckn, "Derya'nın Yeni Parolası 7")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await LoginAsync(again, tckn, second)).Headers.Location!.ToString().ShouldBe("/Account/ChangePassword");
        (await AuditCountAsync("PasswordReset", userId.ToString())).ShouldBe(1);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.AuditEntries.AnyAsync(e => e.Changes != null && e.Changes.Contains(second))).ShouldBeFalse();
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_open_sessions()
    {
        var (admin, _) = ClientAddresses.Browser(fixture.App, "10.5.0.1");
        await LoginAsync(admin, Tckn(Role.SystemAdministrator));
        var tckn = Domain.Parties.Tckn.WithCheckDigits("300000025").Value;
        var created = await MysAppFactory.PostFormAsync(admin, Su1Create, new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["FullName"] = "Gidecek Kişi", ["Title"] = "Memur",
        }, Su1Create);
        var oneTime = OneTimePassword(await created.Content.ReadAsStringAsync());
        await MysAppFactory.PostFormAsync(admin, $"/Units/{DemoData.SpendingUnitId}/AssignRole", new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Geçici",
        }, $"/Units/{DemoData.SpendingUnitId}/AssignRole");
        var (user, userJar) = ClientAddresses.Browser(fixture.App, "10.5.0.2");
        await LoginAsync(user, tckn, oneTime);
        (await ChangePasswordAsync(user, oneTime, "Gidecek Kişinin Parolası 1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await GetWithCookieAsync("/Account/Profile", AuthCookie(userJar))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var deactivated = await MysAppFactory.PostFormAsync(admin, $"{Su1Users}?handler=Deactivate", new Dictionary<string, string>
        {
            ["userId"] = (await UserIdAsync(tckn)).ToString(), ["reason"] = "Başka kuruma atandı",
        }, Su1Users);

        deactivated.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var replayed = await GetWithCookieAsync("/Account/Profile", AuthCookie(userJar));
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var userId = await UserIdAsync(tckn);
        (await db.UserSessions.CountAsync(s => s.UserId == userId && s.EndedAt == null)).ShouldBe(0);
        (await db.UserSessions.CountAsync(s => s.UserId == userId && s.EndReason == "Deactivated")).ShouldBe(1);
    }

    internal static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string tckn, string password = MysAppFactory.DemoPassword) =>
        await MysAppFactory.PostFormAsync(client, "/Account/Login", new Dictionary<string, string> { ["Tckn"] = tckn, ["Password"] = password }, "/Account/Login");

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next) =>
        MysAppFactory.PostFormAsync(client, "/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = current, ["NewPassword"] = next, ["Confirmation"] = next,
        }, "/Account/ChangePassword");

    private static string AuthCookie(CookieContainer jar) => jar.GetCookies(new Uri("http://localhost"))["mys.auth"]?.Value
        ?? throw new InvalidOperationException("No login cookie.");

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string authCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "mys.auth=" + authCookie);
        return await ClientAddresses.Bare(fixture.App, "10.9.9.9").SendAsync(request);
    }

    private static string OneTimePassword(string html)
    {
        var match = OneTimePasswordPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No one-time password shown.");
    }

    private async Task<Guid> UserIdAsync(string tckn)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MysDbContext>().Users.SingleAsync(u => u.Tckn == tckn)).Id;
    }

    private async Task<Guid> SessionIdAsync(string tckn, string address)
    {
        var userId = await UserIdAsync(tckn);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MysDbContext>().UserSessions
            .Where(s => s.UserId == userId && s.Address == address && s.EndedAt == null).OrderByDescending(s => s.CreatedAt).FirstAsync()).Id;
    }

    private async Task<int> AuditCountAsync(string action, string? entityId = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().AuditEntries
            .CountAsync(e => e.Action == action && (entityId == null || e.EntityId == entityId));
    }

    [GeneratedRegex("<code[^>]*>([A-Za-z0-9-]{20,})</code>")]
    private static partial Regex OneTimePasswordPattern();
}
