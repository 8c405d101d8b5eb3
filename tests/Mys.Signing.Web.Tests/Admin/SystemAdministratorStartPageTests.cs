using System.Net;
using System.Text.RegularExpressions;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;
using Mys.Signing.Web.Tests.Words;

namespace Mys.Signing.Web.Tests.Admin;

/// <summary>
/// The system administrator's start page (issue 19: "no place to start the day"): the organisation's units, the people
/// without any role and, per unit, the signers whose certificate needs attention, each a count and a link that works.
/// </summary>
[Collection(SharedDemoAppCollection.Name)]
public sealed partial class SystemAdministratorStartPageTests(WebAppFixture fixture)
{
    [Fact]
    public async Task The_start_page_counts_what_waits_for_the_system_administrator_with_working_links()
    {
        var client = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn);

        var html = await client.GetStringAsync("/");

        html.ShouldContain("Sizi bekleyen işler");
        html.ShouldContain("Sistem Yöneticisi · Tüm kurum");
        var items = Item().Matches(html).ToDictionary(m => (m.Groups["kind"].Value, m.Groups["href"].Value), m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        items[("Units", "/Units")].ShouldBeGreaterThanOrEqualTo(2, "the demo's spending and accounting units");
        items.ShouldContainKey(("UsersWithoutAnyRole", "/Units"));
        items[("CertificatesNeedingAttention", $"/Units/{DemoData.SpendingUnitId}/Certificates")].ShouldBeGreaterThan(0);
        html.ShouldContain("Hiçbir birimde rolü olmayan");
        PageWords.Problems(html).ShouldBeEmpty();

        foreach (var href in items.Keys.Select(k => k.Item2).Distinct())
        {
            using var linked = await client.GetAsync(href);
            linked.StatusCode.ShouldBe(HttpStatusCode.OK, href);
        }
    }

    [GeneratedRegex(@"data-kind=""(?<kind>\w+)"" data-count=""(?<count>\d+)"">\s*<a href=""(?<href>[^""]+)""")]
    private static partial Regex Item();
}
