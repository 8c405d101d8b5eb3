using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Tests.Account;

/// <summary>
/// The session check reads the user and their roles in the same round trip on every request (issue 21): nothing about
/// them is kept between requests, so a role revoked or granted by another app instance (here: a write this app's
/// request pipeline never saw) holds on the very next request, pages and the layout alike.
/// </summary>
public sealed partial class SessionTests
{
    [Fact]
    public async Task A_role_revoked_elsewhere_is_refused_on_the_next_request_and_a_grant_elsewhere_admitted()
    {
        var tckn = Tckn(Role.SpendingAuthority);
        var (browser, _) = ClientAddresses.Browser(fixture.App, "10.6.0.1");
        await LoginAsync(browser, tckn);
        var list = $"/Units/{DemoData.SpendingUnitId}/PaymentOrders";
        (await browser.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetStringAsync("/Account/Profile")).ShouldContain(list);
        var userId = await UserIdAsync(tckn);
        try
        {
            (await SetRevokedAsync(userId, Role.SpendingAuthority, revoked: true)).ShouldBe(1);

            (await browser.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var profile = await browser.GetAsync("/Account/Profile");
            profile.StatusCode.ShouldBe(HttpStatusCode.OK, "the session itself stays open");
            (await profile.Content.ReadAsStringAsync()).ShouldNotContain(list, customMessage: "the layout's menu follows the roles of this request");
        }
        finally
        {
            await SetRevokedAsync(userId, Role.SpendingAuthority, revoked: false);
        }

        (await browser.GetAsync(list)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // Straight to the database, as another app instance's revocation lands: no service of this app is told.
    private async Task<int> SetRevokedAsync(Guid userId, Role role, bool revoked)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var at = revoked ? DateTimeOffset.UtcNow : (DateTimeOffset?)null;
        var by = revoked ? userId : (Guid?)null;
        var reason = revoked ? "Başka bir sunucuda geri alındı" : null;
        return await db.RoleAssignments.Where(a => a.UserId == userId && a.Role == role && (revoked ? a.RevokedAt == null : a.RevokedAt != null))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RevokedAt, at).SetProperty(a => a.RevokedBy, by).SetProperty(a => a.RevokeReason, reason));
    }
}
