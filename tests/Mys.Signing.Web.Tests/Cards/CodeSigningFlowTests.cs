using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Signing.Codes;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>The verification-code flow over HTTP: page issues, agent fetches and completes, page polls; codes single use, throttled.</summary>
public sealed class CodeSigningFlowTests(DevPkiAppFixture fixture) : IClassFixture<DevPkiAppFixture>
{
    private static readonly string Signer = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn;

    private DevPkiEntry Card(string tckn) => fixture.Pki.Persons.Single(p => p.Tckn == tckn);

    internal static async Task<(Guid Id, string Code, HttpClient Page)> IssueAsync(WebApplicationFactory<Program> app, string tckn, int targets = 2)
    {
        ArgumentNullException.ThrowIfNull(app);
        var page = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await MysAppFactory.PostFormAsync(page, "/Account/Login", new Dictionary<string, string> { ["Tckn"] = tckn, ["Password"] = MysAppFactory.DemoPassword }, "/Account/Login");
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await MysAppFactory.AntiforgeryTokenAsync(page, "/Account/Profile");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signing/codes")
        {
            Content = JsonContent.Create(new { purpose = "PaymentOrder", targets = await TestPaymentOrders.CreateAwaitingSignatureAsync(app.Services, targets) }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await page.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var json = await DevPkiAppFixture.JsonAsync(response);
        return (json.GetProperty("id").GetGuid(), json.GetProperty("code").GetString()!, page);
    }

    internal static Task<HttpResponseMessage> JobAsync(HttpClient agent, string code, byte[] certificate) =>
        agent.PostAsJsonAsync("/api/agent/v1/code/job", new { code, certificate = Convert.ToBase64String(certificate) });

    private static async Task<string> StatusAsync(HttpClient page, Guid id) =>
        (await DevPkiAppFixture.JsonAsync(await page.GetAsync($"/api/signing/codes/{id}"))).GetProperty("status").GetString()!;

    private static async Task<string> CodeOf(HttpResponseMessage response) => (await DevPkiAppFixture.JsonAsync(response)).GetProperty("code").GetString()!;

    [Fact]
    public async Task The_agent_fetches_the_job_with_the_code_signs_and_completes_while_the_page_polls()
    {
        var (id, code, page) = await IssueAsync(fixture.App, Signer);
        code.Length.ShouldBe(15);
        code.ShouldAllBe(c => char.IsAsciiDigit(c));
        (await StatusAsync(page, id)).ShouldBe("waiting");
        var card = Card(Signer);
        var agent = fixture.App.Anonymous();

        var job = await DevPkiAppFixture.JsonAsync(await JobAsync(agent, code, card.CertificateDer));
        (await StatusAsync(page, id)).ShouldBe("signing");
        job.GetProperty("origin").GetString().ShouldBe("http://localhost");
        job.GetProperty("digestAlgorithm").GetString().ShouldBe("SHA-256");
        var signatures = job.GetProperty("digests").EnumerateArray()
            .Select(d => Convert.ToBase64String(card.SignDigest(Convert.FromBase64String(d.GetString()!), HashAlgorithmName.SHA256))).ToList();
        signatures.Count.ShouldBe(2);
        var completed = await agent.PostAsJsonAsync("/api/agent/v1/code/complete",
            new { code = code[..5] + " " + code[5..10] + " " + code[10..], certificate = Convert.ToBase64String(card.CertificateDer), signatures });

        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DevPkiAppFixture.JsonAsync(completed)).GetProperty("signed").GetInt32().ShouldBe(2);
        (await StatusAsync(page, id)).ShouldBe("completed");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var stored = await db.SigningCodes.SingleAsync(c => c.Id == id);
        stored.CodeSha256.ShouldNotContain(code);
        (await db.SigningSessions.SingleAsync(s => s.Id == stored.SessionId)).CompletedAt.ShouldNotBeNull();
        (await db.AuditEntries.AnyAsync(e => e.Action == "SigningCodeCompleted" && e.EntityId == id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task A_code_is_single_use_and_its_signatures_cannot_be_posted_twice()
    {
        var (_, code, _) = await IssueAsync(fixture.App, Signer, targets: 1);
        var card = Card(Signer);
        var agent = fixture.App.Anonymous();
        var job = await DevPkiAppFixture.JsonAsync(await JobAsync(agent, code, card.CertificateDer));

        var second = await JobAsync(agent, code, card.CertificateDer);

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOf(second)).ShouldBe("CODE_USED");
        var signature = Convert.ToBase64String(card.SignDigest(Convert.FromBase64String(job.GetProperty("digests")[0].GetString()!), HashAlgorithmName.SHA256));
        var body = new { code, certificate = Convert.ToBase64String(card.CertificateDer), signatures = new[] { signature } };
        (await agent.PostAsJsonAsync("/api/agent/v1/code/complete", body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await agent.PostAsJsonAsync("/api/agent/v1/code/complete", body);
        replay.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CodeOf(replay)).ShouldBe("CODE_USED");
    }

    [Fact]
    public async Task A_code_typed_into_another_persons_agent_is_burnt_and_the_page_says_why()
    {
        var (id, code, page) = await IssueAsync(fixture.App, Signer);
        var otherPerson = Card(DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn);

        var response = await JobAsync(fixture.App.Anonymous(), code, otherPerson.CertificateDer);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(response)).ShouldBe("CODE_WRONG_SIGNER");
        (await StatusAsync(page, id)).ShouldBe("failed");
        (await CodeOf(await JobAsync(fixture.App.Anonymous(), code, Card(Signer).CertificateDer))).ShouldBe("CODE_USED");
    }

    [Fact]
    public async Task Signatures_from_another_certificate_than_the_one_that_fetched_the_job_are_refused()
    {
        var (_, code, _) = await IssueAsync(fixture.App, Signer, targets: 1);
        var card = Card(Signer);
        var agent = fixture.App.Anonymous();
        await JobAsync(agent, code, card.CertificateDer);
        var other = fixture.Pki.ByKind(DevCertificateKind.DifferentTckn);

        var response = await agent.PostAsJsonAsync("/api/agent/v1/code/complete",
            new { code, certificate = Convert.ToBase64String(other.CertificateDer), signatures = new[] { Convert.ToBase64String(new byte[256]) } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(response)).ShouldBe("CODE_CERT_MISMATCH");
    }

    [Fact]
    public async Task Only_signers_get_codes_and_only_the_owner_sees_the_status()
    {
        var dataEntry = await fixture.App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn);
        var token = await MysAppFactory.AntiforgeryTokenAsync(dataEntry, "/Account/Profile");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signing/codes") { Content = JsonContent.Create(new { purpose = "PaymentOrder", targets = new[] { Guid.NewGuid() } }) };
        request.Headers.Add("RequestVerificationToken", token);
        (await dataEntry.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (id, _, _) = await IssueAsync(fixture.App, Signer);
        (await dataEntry.GetAsync($"/api/signing/codes/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await fixture.App.Anonymous().GetAsync($"/api/signing/codes/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Issuing_without_the_antiforgery_header_is_refused()
    {
        var page = await fixture.App.LoginAsync(Signer);

        var response = await page.PostAsJsonAsync("/api/signing/codes", new { purpose = "PaymentOrder", targets = new[] { Guid.NewGuid() } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodeOf(response)).ShouldBe("ANTIFORGERY");
    }

    [Fact]
    public async Task Wrong_codes_from_one_address_lock_it_across_two_app_instances_on_one_database()
    {
        await using var database = await TestDatabase.CreateSeededAsync(fixture.Settings);
        await using var first = new MysAppFactory(database, fixture.Settings);
        _ = first.Server;
        await using var second = new MysAppFactory(database, fixture.Settings);
        var card = Card(Signer);
        var (_, realCode, _) = await IssueAsync(first, Signer);

        for (var i = 0; i < CodeThrottle.MaxFailures; i++)
        {
            var instance = i % 2 == 0 ? first : second;
            var wrong = await JobAsync(instance.Anonymous(), (100_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), card.CertificateDer);
            wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Even the right code is refused now, on either instance, and the answer says when to retry.
        foreach (var instance in new[] { first, second })
        {
            var locked = await JobAsync(instance.Anonymous(), realCode, card.CertificateDer);
            locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            (await CodeOf(locked)).ShouldBe("CODE_THROTTLED");
            locked.Headers.RetryAfter.ShouldNotBeNull();
        }

        (await database.ScalarAsync<long>("SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'SigningCodeLookupLocked'")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_self_made_certificate_naming_a_signer_is_refused_before_it_counts_against_that_signer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new MysAppFactory(database, fixture.Settings) { ConfigureServices = Account.ClientAddresses.Enable };
        var forged = SelfMadeCertificate(Signer);
        var attacker = Account.ClientAddresses.Bare(app, "192.0.2.50");

        for (var i = 0; i < CodeThrottle.MaxFailures; i++)
        {
            var refused = await JobAsync(attacker, (100_000_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), forged);
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await CodeOf(refused)).ShouldBe("CERT_UNTRUSTED");
        }

        // The forger's address is throttled; the signer named in the forged certificate is not counted at all...
        (await JobAsync(attacker, "100000000000099", forged)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM \"CodeLookupThrottles\" WHERE \"Key\" = 'tckn:{Signer}'")).ShouldBe(0);

        // ...and signs with a code from their own computer as usual.
        var (_, code, _) = await IssueAsync(app, Signer, targets: 1);
        var job = await JobAsync(Account.ClientAddresses.Bare(app, "192.0.2.51"), code, Card(Signer).CertificateDer);
        job.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static byte[] SelfMadeCertificate(string tckn)
    {
        using var key = RSA.Create(2048);
        var name = new System.Security.Cryptography.X509Certificates.X500DistinguishedNameBuilder();
        name.AddCommonName("Sahte Sertifika");
        name.Add("2.5.4.5", tckn, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.RawData;
    }
}
