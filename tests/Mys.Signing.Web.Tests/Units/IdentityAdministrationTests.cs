using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Units;

/// <summary>The identity administrator's work through the real pages, and the bad input around it.</summary>
public sealed class IdentityAdministrationTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static string Su1Users => $"/Units/{DemoData.SpendingUnitId}/Users";

    private static string Su1Assign => $"/Units/{DemoData.SpendingUnitId}/AssignRole";

    private static string Su1Create => $"/Units/{DemoData.SpendingUnitId}/CreateUser";

    private static DemoAccount Account(Role role) => DemoData.Accounts.Single(a => a.Role == role);

    [Fact]
    public async Task Identity_administrator_creates_a_user_grants_a_role_and_both_are_in_the_audit_trail()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        var tckn = Tckn.WithCheckDigits("200000011").Value;

        var created = await MysAppFactory.PostFormAsync(admin, Su1Create, new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["FullName"] = "Deniz Ak", ["Title"] = "Memur", ["Email"] = "deniz@example.org",
        }, Su1Create);
        (await created.Content.ReadAsStringAsync()).ShouldContain("İlk parola");

        var granted = await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Yeni görevlendirme",
        }, Su1Assign);
        granted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync(Su1Users)).ShouldContain("Deniz Ak");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var user = await db.Users.SingleAsync(u => u.Tckn == tckn);
        var grantEvent = await db.AuditEntries.SingleAsync(e => e.Action == "RoleGranted" && e.Changes!.Contains("Yeni görevlendirme"));
        grantEvent.UserName.ShouldBe(Account(Role.IdentityAdministrator).Tckn);
        grantEvent.Role.ShouldBe(nameof(Role.IdentityAdministrator));
        grantEvent.UnitId.ShouldBe(DemoData.SpendingUnitId);
        grantEvent.CorrelationId.ShouldNotBeNullOrEmpty();
        (await db.AuditEntries.AnyAsync(e => e.EntityType == "RoleAssignment" && e.Action == "Created" && e.Changes!.Contains(user.Id.ToString()))).ShouldBeTrue();
        (await db.AuditEntries.AnyAsync(e => e.EntityType == "MysUser" && e.Action == "Created" && e.EntityId == user.Id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task Granting_spending_authority_to_the_units_realization_officer_is_refused_for_separation_of_duties()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        var before = await CountAssignmentsAsync();

        var response = await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = Account(Role.RealizationOfficer).Tckn, ["SelectedRole"] = nameof(Role.SpendingAuthority), ["Reason"] = "Deneme",
        }, Su1Assign);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Görevler ayrılığı");
        (await CountAssignmentsAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("12345678901", "kontrol haneleri")]
    [InlineData("1234", "11 haneli")]
    [InlineData("12345678950", "kayıtlı kullanıcı yok")]
    public async Task Assigning_to_a_bad_or_unknown_tckn_gives_a_turkish_message_and_saves_nothing(string tckn, string message)
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        var before = await CountAssignmentsAsync();

        var response = await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Deneme",
        }, Su1Assign);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "refused forms answer 422 (issue 18)");
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await CountAssignmentsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_identity_administrator_cannot_grant_a_role_to_themself()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);

        var response = await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = Account(Role.IdentityAdministrator).Tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Kendime",
        }, Su1Assign);

        (await response.Content.ReadAsStringAsync()).ShouldContain("Kendinize rol veremez");
    }

    [Fact]
    public async Task Creating_a_duplicate_user_is_refused_in_turkish()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        var users = await CountUsersAsync();

        var response = await MysAppFactory.PostFormAsync(admin, Su1Create, new Dictionary<string, string>
        {
            ["Tckn"] = Account(Role.DataEntryOfficer).Tckn, ["FullName"] = "Kopya Kişi", ["Title"] = "Memur",
        }, Su1Create);

        (await response.Content.ReadAsStringAsync()).ShouldContain("zaten var");
        (await CountUsersAsync()).ShouldBe(users);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_is_refused_with_a_turkish_page_and_changes_nothing()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        var before = await CountAssignmentsAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = Account(Role.DataEntryOfficer).Tckn, ["SelectedRole"] = nameof(Role.RealizationOfficer), ["Reason"] = "Sahte",
            ["__RequestVerificationToken"] = "CfDJ8forged-token",
        });

        var response = await admin.PostAsync(Su1Assign, form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("İstek doğrulanamadı");
        (await CountAssignmentsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Another_units_page_is_forbidden_with_a_turkish_page()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);

        var response = await admin.GetAsync($"/Units/{DemoData.OtherSpendingUnitId}/Users");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("erişim yetkiniz yok");
    }

    [Fact]
    public async Task An_unknown_unit_is_not_found()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.SystemAdministrator).Tckn);

        var response = await admin.GetAsync($"/Units/{Guid.NewGuid()}/Users");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Sayfa bulunamadı");
    }

    [Fact]
    public async Task A_stale_profile_form_is_refused_and_the_saved_value_is_kept()
    {
        var tckn = Account(Role.AccountingStaff).Tckn;
        var first = await fixture.App.LoginAsync(tckn);
        var second = await fixture.App.LoginAsync(tckn);
        var staleHtml = await second.GetStringAsync("/Account/Profile");
        var staleVersion = System.Text.RegularExpressions.Regex.Match(staleHtml, "name=\"FormVersion\" value=\"(\\d+)\"").Groups[1].Value;

        var saved = await MysAppFactory.PostFormAsync(first, "/Account/Profile", new Dictionary<string, string>
        {
            ["Email"] = "ilk@example.org", ["FormVersion"] = staleVersion,
        });
        (await saved.Content.ReadAsStringAsync()).ShouldContain("Profiliniz güncellendi");

        var stale = await MysAppFactory.PostFormAsync(second, "/Account/Profile", new Dictionary<string, string>
        {
            ["Email"] = "ikinci@example.org", ["FormVersion"] = staleVersion,
        });

        (await stale.Content.ReadAsStringAsync()).ShouldContain("siz düzenlerken değiştirildi");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        (await db.Users.SingleAsync(u => u.Tckn == tckn)).Email.ShouldBe("ilk@example.org");
    }

    [Fact]
    public async Task A_deactivated_user_can_no_longer_log_in_or_use_an_open_session()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.SystemAdministrator).Tckn);
        var target = Tckn.WithCheckDigits("200000029").Value;
        await MysAppFactory.PostFormAsync(admin, Su1Create, new Dictionary<string, string>
        {
            ["Tckn"] = target, ["FullName"] = "Ayrılan Kişi", ["Title"] = "Memur",
        }, Su1Create);
        await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = target, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Geçici",
        }, Su1Assign);
        Guid userId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            userId = (await db.Users.SingleAsync(u => u.Tckn == target)).Id;
        }

        var response = await MysAppFactory.PostFormAsync(admin, $"{Su1Users}?handler=Deactivate", new Dictionary<string, string>
        {
            ["userId"] = userId.ToString(), ["reason"] = "Başka kuruma atandı",
        }, Su1Users);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Should.ThrowAsync<InvalidOperationException>(() => fixture.App.LoginAsync(target, "whatever-password"));
        await using var check = fixture.App.Services.CreateAsyncScope();
        var audit = check.ServiceProvider.GetRequiredService<MysDbContext>();
        (await audit.AuditEntries.AnyAsync(e => e.Action == "UserDeactivated" && e.EntityId == userId.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task Revoking_a_role_needs_a_reason_and_is_audited()
    {
        var admin = await fixture.App.LoginAsync(Account(Role.IdentityAdministrator).Tckn);
        Guid assignmentId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var dataEntry = await db.Users.SingleAsync(u => u.Tckn == Account(Role.DataEntryOfficer).Tckn);
            assignmentId = (await db.RoleAssignments.SingleAsync(a => a.UserId == dataEntry.Id && a.RevokedAt == null)).Id;
        }

        var noReason = await MysAppFactory.PostFormAsync(admin, $"{Su1Users}?handler=Revoke", new Dictionary<string, string>
        {
            ["assignmentId"] = assignmentId.ToString(), ["reason"] = " ",
        }, Su1Users);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("gerekçesi zorunludur");

        var revoked = await MysAppFactory.PostFormAsync(admin, $"{Su1Users}?handler=Revoke", new Dictionary<string, string>
        {
            ["assignmentId"] = assignmentId.ToString(), ["reason"] = "Görev değişikliği",
        }, Su1Users);
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var check = fixture.App.Services.CreateAsyncScope();
        var verify = check.ServiceProvider.GetRequiredService<MysDbContext>();
        (await verify.RoleAssignments.SingleAsync(a => a.Id == assignmentId)).RevokeReason.ShouldBe("Görev değişikliği");
        (await verify.AuditEntries.AnyAsync(e => e.Action == "RoleRevoked" && e.EntityId == assignmentId.ToString())).ShouldBeTrue();

        // Re-grant so other tests of this class still find the data-entry officer in place.
        await MysAppFactory.PostFormAsync(admin, Su1Assign, new Dictionary<string, string>
        {
            ["Tckn"] = Account(Role.DataEntryOfficer).Tckn, ["SelectedRole"] = nameof(Role.DataEntryOfficer), ["Reason"] = "Geri verildi",
        }, Su1Assign);
    }

    private async Task<int> CountAssignmentsAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().RoleAssignments.CountAsync();
    }

    private async Task<int> CountUsersAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().Users.CountAsync();
    }
}
