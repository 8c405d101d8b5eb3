using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Words;

/// <summary>
/// The web app's JSON reads as written (issue 19: "raw JSON with \u002B00:00"): a served time keeps its "+00:00", from
/// minimal-API endpoints (the verification code) and from the pages' JsonResult answers (the card login's challenge),
/// which MVC writes with its own serializer options.
/// </summary>
[Collection(SharedDemoAppCollection.Name)]
public sealed partial class ReadableJsonTests(WebAppFixture fixture)
{
    [Fact]
    public async Task The_card_login_challenge_writes_its_expiry_with_a_plus_offset()
    {
        var client = fixture.App.Anonymous();
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var response = await client.PostAsync("/Account/Login?handler=Challenge", form);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldNotContain("\\u002B");
        ExpiresAt().IsMatch(body).ShouldBeTrue(body);
    }

    [Fact]
    public async Task A_verification_code_writes_its_expiry_with_a_plus_offset()
    {
        var client = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var tckn = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn;
        var login = await MysAppFactory.PostFormAsync(client, "/Account/Login", new Dictionary<string, string> { ["Tckn"] = tckn, ["Password"] = MysAppFactory.DemoPassword }, "/Account/Login");
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        var targets = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signing/codes") { Content = JsonContent.Create(new { purpose = "PaymentOrder", targets }) };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await client.SendAsync(request);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        body.ShouldNotContain("\\u002B");
        ExpiresAt().IsMatch(body).ShouldBeTrue(body);
    }

    [GeneratedRegex(@"""expiresAt"":""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00""")]
    private static partial Regex ExpiresAt();
}
