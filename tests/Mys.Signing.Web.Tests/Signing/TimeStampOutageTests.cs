using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Tests.Signing;

/// <summary>
/// The time-stamp authority behind a real HTTP endpoint of the test (forwarding to the dev PKI's TSA when up, 503 when
/// down), reached through the app's IHttpClientFactory client with its resilience pipeline.
/// </summary>
public sealed class TimeStampOutageTests(TimeStampOutageTests.Fixture fixture) : IClassFixture<TimeStampOutageTests.Fixture>
{
    [Fact]
    public async Task A_tsa_that_is_down_is_retried_then_the_signer_gets_a_turkish_message_and_the_earlier_signature_and_document_stay_as_they_were()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services)).Single();
        var officer = await fixture.App.LoginAsync(Tckn(Role.RealizationOfficer));
        var authority = await fixture.App.LoginAsync(Tckn(Role.SpendingAuthority));
        (await SigningApi.SignAsync(officer, Card(Role.RealizationOfficer), id)).Items.Single().Ok.ShouldBeTrue();
        var (_, before) = await LoadAsync(id);

        var card = Card(Role.SpendingAuthority);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(authority, card.CertificateBase64, id));
        fixture.Tsa.Down = true;
        var requestsBefore = fixture.Tsa.Requests;
        using var metrics = new SignatureMeasurements();
        var failed = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(authority, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));
        metrics.Outcomes.ShouldContain(("SpendingAuthority", "oeb", "TSA_UNAVAILABLE"));

        // One attempt and the two retries of Mys:Signing:Http:Retry (the default), then the signer is told.
        (fixture.Tsa.Requests - requestsBefore).ShouldBe(3);
        var item = failed.Items.ShouldHaveSingleItem();
        item.Ok.ShouldBeFalse();
        item.Code.ShouldBe("TSA_UNAVAILABLE");
        item.Message.ShouldBe(CompleteSignatures.TimeStampUnavailableMessage);
        item.Status.ShouldBe(nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));
        var (order, document) = await LoadAsync(id);
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
        order.SpendingAuthoritySignature.ShouldBeNull();
        order.RealizationSignature!.SignatureReference.ShouldBe(before.CurrentSha256);
        document.CurrentSha256.ShouldBe(before.CurrentSha256);
        document.Stage.ShouldBe(SignedDocumentStage.RealizationSigned);

        // The TSA is back: the same ÖEB is signed on the next try.
        fixture.Tsa.Down = false;
        var signed = await SigningApi.SignAsync(authority, card, id);
        signed.Items.ShouldHaveSingleItem().Status.ShouldBe(nameof(PaymentOrderStatus.SentToAccounting));
        (await LoadAsync(id)).Order.RealizationSignature!.SignatureReference.ShouldBe(before.CurrentSha256);
    }

    [Fact]
    public async Task A_batch_against_a_tsa_that_stays_down_opens_the_circuit_so_the_tsa_is_asked_less_than_every_attempt_and_no_oeb_moves()
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, 8);
        var officer = await fixture.App.LoginAsync(Tckn(Role.RealizationOfficer));
        var card = Card(Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(officer, card.CertificateBase64, [.. ids]));
        fixture.Tsa.Down = true;
        var requestsBefore = fixture.Tsa.Requests;

        var failed = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(officer, prepared.SessionId, card.CertificateBase64, card.Sign(prepared)));

        failed.Items.Count.ShouldBe(8);
        failed.Items.ShouldAllBe(i => !i.Ok && i.Code == "TSA_UNAVAILABLE" && i.Message == CompleteSignatures.TimeStampUnavailableMessage);
        // 8 ÖEBs × 3 attempts would be 24 requests; the breaker (at least 10 calls, half of them failed) stops them before.
        (fixture.Tsa.Requests - requestsBefore).ShouldBeInRange(1, 23);
        foreach (var id in ids)
        {
            (await LoadAsync(id)).Order.Status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature);
        }

        // After the break one call goes through as the probe (others meanwhile are still refused); it closes the circuit
        // and the rest of the batch signs.
        fixture.Tsa.Down = false;
        await Task.Delay(Fixture.BreakDuration + TimeSpan.FromMilliseconds(300));
        (await SigningApi.SignAsync(officer, card, ids[0])).Items.Single().Ok.ShouldBeTrue();
        (await SigningApi.SignAsync(officer, card, [.. ids.Skip(1)])).Items.ShouldAllBe(i => i.Ok);
    }

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    private DevCardSigner Card(Role role) => DevCardSigner.For(fixture.App.Services, role);

    private async Task<(PaymentOrder Order, SignedPaymentOrderDocument Document)> LoadAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id),
            await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id));
    }

    /// <summary>The <c>mys.signing.signatures</c> counter of the Mys.Signing meter, read with a real MeterListener.</summary>
    private sealed class SignatureMeasurements : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string, string, string)> _outcomes = new();

        public SignatureMeasurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Signatures.Diagnostics.SigningMetrics.MeterName && instrument.Name == "mys.signing.signatures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var values = new Dictionary<string, string>();
                foreach (var tag in tags)
                {
                    values[tag.Key] = tag.Value?.ToString() ?? string.Empty;
                }

                _outcomes.Enqueue((values.GetValueOrDefault("role", ""), values.GetValueOrDefault("kind", ""), values.GetValueOrDefault("outcome", "")));
            });
            _listener.Start();
        }

        public IReadOnlyCollection<(string Role, string Kind, string Outcome)> Outcomes => _outcomes;

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>A TSA endpoint on a loopback port: 503 while down, else the dev PKI's TSA answers; counts every request.</summary>
    public sealed class TsaEndpoint
    {
        private int _requests;
        private volatile bool _down;

        public bool Down
        {
            get => _down;
            set => _down = value;
        }

        public int Requests => Volatile.Read(ref _requests);

        public async Task HandleAsync(HttpContext context, IServiceProvider app)
        {
            Interlocked.Increment(ref _requests);
            if (Down)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            using var devPki = new HttpMessageInvoker(app.GetRequiredService<DevPkiHttpHandler>(), disposeHandler: false);
            using var request = new HttpRequestMessage(HttpMethod.Post, app.GetRequiredService<DevPkiHierarchy>().TsaUrl) { Content = new ByteArrayContent(body.ToArray()) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/timestamp-query");
            using var answer = await devPki.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = "application/timestamp-reply";
            await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

        private readonly string _folder = Directory.CreateTempSubdirectory("mys-tsa-outage-").FullName;
        private readonly int _tsaPort = DevPkiHost.FreeLoopbackPort();
        private TestDatabase? _database;
        private MysAppFactory? _factory;
        private WebApplication? _tsaHost;

        public TsaEndpoint Tsa { get; } = new();

        public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

        public async Task InitializeAsync()
        {
            var settings = new Dictionary<string, string>
            {
                ["Mys:DevPki:Enabled"] = "true",
                ["Mys:DevPki:Folder"] = Path.Combine(_folder, "devpki"),
                // The app answers its PKI in-process; the same PKI as SigningAppFixture's, so the same seeded template.
                ["Mys:DevPki:BaseUrl"] = AppDevPki.ServedBaseUrl,
                ["Mys:PublicBaseUrl"] = "https://mys.test.local",
                ["Mys:Signing:Tsa:Url"] = $"http://127.0.0.1:{_tsaPort}/tsa",
                // Quick retries and a short break, so the test does not wait for the production defaults.
                ["Mys:Signing:Http:Retry:Delay"] = "00:00:00.050",
                ["Mys:Signing:Http:CircuitBreaker:BreakDuration"] = BreakDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            };
            _database = await TestDatabase.CreateSeededAsync(settings);
            _factory = new MysAppFactory(_database, settings);
            _ = _factory.Server;

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _tsaPort));
            _tsaHost = builder.Build();
            _tsaHost.MapPost("/tsa", context => Tsa.HandleAsync(context, App.Services));
            await _tsaHost.StartAsync();
        }

        public async Task DisposeAsync()
        {
            if (_tsaHost is not null)
            {
                await _tsaHost.DisposeAsync();
            }

            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            Directory.Delete(_folder, recursive: true);
        }
    }
}
