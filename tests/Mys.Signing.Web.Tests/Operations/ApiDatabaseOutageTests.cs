using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Infrastructure.Http;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>The app with the dev PKI in a given environment (Development puts the developer exception page outermost).</summary>
public abstract class OutageAppFixture(string environment) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-outage-").FullName;
    private TestDatabase? _database;
    private MysAppFactory? _app;

    public MysAppFactory App => _app ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["environment"] = environment,
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = Path.Combine(_folder, "devpki"),
            ["Mys:DevPki:BaseUrl"] = AppDevPki.ServedBaseUrl,
            ["Mys:PublicBaseUrl"] = "https://mys.test.local",
            ["Mys:Demo:Password"] = MysAppFactory.DemoPassword,
        };
        Settings = settings;
        _database = await TestDatabase.CreateSeededAsync(settings);
        _app = new MysAppFactory(_database, settings);
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class DevelopmentOutageAppFixture() : OutageAppFixture("Development");

public sealed class TestingOutageAppFixture() : OutageAppFixture("Testing");

/// <summary>
/// The JSON API during a database outage (<c>benchmarks/crash-safety.sh</c> restarts PostgreSQL during <c>complete</c>):
/// every call answers 503 with Retry-After and the Turkish problem, never 500 — in Development too, where the developer
/// exception page is outermost; nothing is half-saved and the same call after the database is back succeeds.
/// </summary>
public abstract class ApiDatabaseOutageTests(OutageAppFixture fixture)
{
    private static readonly string OfficerTckn = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn;

    [Fact]
    public async Task Complete_whose_transaction_loses_the_database_answers_503_saves_nothing_and_the_retry_signs()
    {
        var ids = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, count: 2)).ToArray();
        var officer = await fixture.App.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, ids));
        var body = new { sessionId = prepared.SessionId, certificate = card.CertificateBase64, signatures = card.Sign(prepared) };
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        var fault = new DatabaseFault(fixture.Database);
        await fault.InstallAsync("SignedPaymentOrderDocuments", "UPDATE");

        await fault.ArmAsync();
        HttpResponseMessage outage;
        try
        {
            outage = await PostJsonAsync(officer, "/api/signing/complete", body, token);
        }
        finally
        {
            await fault.DisarmAsync();
        }

        await ShouldBeOutageProblemAsync(outage);
        foreach (var id in ids)
        {
            (await StatusAsync(id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered), "nothing half-saved");
        }

        // The user's retry is the page's: a new prepare and card signature (a session is claimed once, even by a call that then failed).
        var retry = await SigningApi.SignAsync(officer, card, ids);
        retry.Items.ShouldAllBe(i => i.Ok);
        foreach (var id in ids)
        {
            (await StatusAsync(id)).ShouldBe((PaymentOrderStatus.AwaitingSpendingAuthoritySignature, SignedDocumentStage.RealizationSigned));
        }
    }

    [Fact]
    public async Task While_the_database_stays_unreachable_api_and_pages_answer_503_never_500_and_once_it_is_back_the_retry_signs()
    {
        await using var link = new PostgresLink(fixture.Database.ConnectionString);
        var settings = new Dictionary<string, string>(fixture.Settings) { ["ConnectionStrings:Mys"] = link.Through(fixture.Database.ConnectionString) };
        await using var app = new MysAppFactory(fixture.Database, settings);
        var ids = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, count: 2)).ToArray();
        var officer = await app.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(app.Services, Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, ids));
        var body = new { sessionId = prepared.SessionId, certificate = card.CertificateBase64, signatures = card.Sign(prepared) };
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        var fault = new DatabaseFault(fixture.Database);
        await fault.InstallAsync("SignedPaymentOrderDocuments", "UPDATE", stall: true);

        await fault.ArmAsync();
        var complete = PostJsonAsync(officer, "/api/signing/complete", body, token);
        try
        {
            await fault.WaitUntilStalledAsync();
            link.Cut(); // mid-transaction, and the database stays unreachable while the error is answered
            await ShouldBeOutageProblemAsync(await complete);
            await ShouldBeOutageProblemAsync(await PostJsonAsync(officer, "/api/signing/prepare", new { certificate = card.CertificateBase64, paymentOrderIds = ids }, token));
            await ShouldBeOutageProblemAsync(await PostJsonAsync(app.Anonymous(), "/api/agent/v1/code/job", new { code = "ABCD-2345", certificate = card.CertificateBase64 }, token));
            var page = await officer.GetAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders");
            page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain(DatabaseOutage.Title);
        }
        finally
        {
            await fault.DisarmAsync();
            link.Restore();
        }

        foreach (var id in ids)
        {
            (await StatusAsync(id)).ShouldBe((PaymentOrderStatus.AwaitingRealizationSignature, SignedDocumentStage.Rendered), "nothing half-saved");
        }

        var retry = await SigningApi.SignAsync(officer, card, ids);
        retry.Items.ShouldAllBe(i => i.Ok);
    }

    [Fact]
    public async Task Prepare_that_loses_the_database_answers_503_and_the_retry_prepares()
    {
        var ids = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).ToArray();
        var officer = await fixture.App.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer);
        var body = new { certificate = card.CertificateBase64, paymentOrderIds = ids };
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        var fault = new DatabaseFault(fixture.Database);
        await fault.InstallAsync("SigningSessions", "INSERT");

        await fault.ArmAsync();
        HttpResponseMessage outage;
        try
        {
            outage = await PostJsonAsync(officer, "/api/signing/prepare", body, token);
        }
        finally
        {
            await fault.DisarmAsync();
        }

        await ShouldBeOutageProblemAsync(outage);
        (await SigningApi.ReadAsync<PrepareResponse>(await PostJsonAsync(officer, "/api/signing/prepare", body, token))).Items.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Api_calls_on_connections_the_server_terminated_answer_503_never_500_and_then_work()
    {
        var officer = await fixture.App.LoginAsync(OfficerTckn);
        var card = DevCardSigner.For(fixture.App.Services, Role.RealizationOfficer);
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        var agent = fixture.App.Anonymous();
        var fault = new DatabaseFault(fixture.Database);
        var calls = new (HttpClient Client, string Path, object Body)[]
        {
            (officer, "/api/signing/complete", new { sessionId = Guid.NewGuid(), certificate = card.CertificateBase64, signatures = Array.Empty<string>() }),
            (officer, "/api/signing/codes", new { purpose = "sign", targets = Array.Empty<Guid>() }),
            (agent, "/api/agent/v1/code/job", new { code = "ABCD-2345", certificate = card.CertificateBase64 }),
            (agent, "/api/agent/v1/code/complete", new { code = "ABCD-2345", certificate = card.CertificateBase64, signatures = Array.Empty<string>() }),
        };

        foreach (var (client, path, body) in calls)
        {
            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage? outage = null;
            for (var attempt = 0; attempt < 10 && outage is null; attempt++)
            {
                await fault.TerminateAppConnectionsAsync();
                var response = await PostJsonAsync(client, path, body, token);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    outage = response;
                }
            }

            statuses.ShouldNotContain(HttpStatusCode.InternalServerError, path);
            outage.ShouldNotBeNull($"{path}: no request met a terminated connection: {string.Join(", ", statuses)}");
            await ShouldBeOutageProblemAsync(outage);
            (await PostJsonAsync(client, path, body, token)).StatusCode.ShouldNotBe(HttpStatusCode.ServiceUnavailable, path);
        }
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: SigningApi.Json) };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    private static async Task ShouldBeOutageProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, text);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("title").GetString().ShouldBe(DatabaseOutage.Title);
        problem.RootElement.GetProperty("detail").GetString()!.ShouldStartWith(DatabaseOutage.Detail);
        text.ShouldNotContain("Npgsql");
    }

    private async Task<(PaymentOrderStatus, SignedDocumentStage)> StatusAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
        var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id);
        return (order.Status, document.Stage);
    }
}

public sealed class ApiDatabaseOutageInDevelopmentTests(DevelopmentOutageAppFixture fixture) : ApiDatabaseOutageTests(fixture), IClassFixture<DevelopmentOutageAppFixture>;

public sealed class ApiDatabaseOutageOutsideDevelopmentTests(TestingOutageAppFixture fixture) : ApiDatabaseOutageTests(fixture), IClassFixture<TestingOutageAppFixture>;
