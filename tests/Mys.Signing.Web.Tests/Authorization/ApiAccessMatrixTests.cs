using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Authorization;

/// <summary>
/// The JSON API's counterpart of <see cref="AccessMatrixTests"/>: enumerates every endpoint under <c>/api</c> and checks
/// that anonymous callers get 401, roles without access 403, and the intended roles get past authorization (their
/// empty request is then refused as a bad request, never with 401/403/500). A new API endpoint fails until listed.
/// Per-ÖEB unit checks are in the signing tests.
/// </summary>
[Collection(SharedDemoAppCollection.Name)]
public sealed class ApiAccessMatrixTests(WebAppFixture fixture)
{
    private static readonly Func<Role, bool> Signers = r => r is Role.RealizationOfficer or Role.SpendingAuthority or Role.AccountingOfficer;

    private static readonly Dictionary<string, Func<Role, bool>> Expected = new(StringComparer.Ordinal)
    {
        ["POST /api/signing/prepare"] = Signers,
        ["POST /api/signing/complete"] = Signers,
        ["POST /api/signing/codes"] = Signers,
        ["GET /api/signing/codes/{id:guid}"] = _ => true, // owner only: anyone else gets 404 (CodeSigningFlowTests)
        ["POST /api/agent/v1/code/job"] = _ => true,
        ["POST /api/agent/v1/code/complete"] = _ => true,
    };

    /// <summary>The agent's endpoints are anonymous by design: the one-time code authenticates (throttled; see CodeSigningFlowTests).</summary>
    private static readonly HashSet<string> KeyedByCode = new(StringComparer.Ordinal) { "POST /api/agent/v1/code/job", "POST /api/agent/v1/code/complete" };

    [Fact]
    public void Every_api_endpoint_has_an_access_rule()
    {
        Discover().Order(StringComparer.Ordinal).ShouldBe(Expected.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Anonymous_gets_401_roles_without_access_403_and_the_intended_roles_get_through()
    {
        var mismatches = new List<string>();
        foreach (var endpoint in Discover().Where(e => !KeyedByCode.Contains(e)))
        {
            var path = endpoint.Split(' ')[1].Replace("{id:guid}", Guid.NewGuid().ToString("D"), StringComparison.Ordinal);
            var isGet = endpoint.StartsWith("GET ", StringComparison.Ordinal);
            var anonymous = isGet ? await fixture.App.Anonymous().GetAsync(path) : await fixture.App.Anonymous().PostAsync(path, System.Net.Http.Json.JsonContent.Create(new { }));
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
            {
                mismatches.Add($"{endpoint} anonymous: {(int)anonymous.StatusCode}");
            }

            foreach (var account in DemoData.Accounts)
            {
                var client = await fixture.App.LoginAsync(account.Tckn);
                var response = isGet ? await client.GetAsync(path) : await SigningApi.PostAsync(client, path, new { });
                response.StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, endpoint);
                var allowed = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                if (allowed != Expected[endpoint](account.Role))
                {
                    mismatches.Add($"{endpoint} as {account.Role}: {(int)response.StatusCode}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    private List<string> Discover() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct()
            .ToList();
}
