using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Serilog.Core;
using Serilog.Events;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>Serilog's request logging as the app configures it: one event per request, in compact JSON when asked.</summary>
public sealed class RequestLoggingTests(RequestLoggingTests.Fixture fixture) : IClassFixture<RequestLoggingTests.Fixture>
{
    private const string RequestTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";

    [Fact]
    public async Task A_request_writes_exactly_one_completed_event_with_its_correlation_id_user_and_unit()
    {
        var account = DemoData.Accounts.First(a => a.Role == Role.RealizationOfficer);
        var client = await fixture.App.LoginAsync(account.Tckn);
        Guid userId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            userId = await scope.ServiceProvider.GetRequiredService<MysDbContext>().Users.Where(u => u.UserName == account.Tckn).Select(u => u.Id).SingleAsync();
        }

        var correlationId = "req-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Units/{DemoData.SpendingUnitId}/PaymentOrders");
        request.Headers.Add("X-Correlation-Id", correlationId);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        var completed = await fixture.Log.WaitForAsync(e => e.MessageTemplate.Text == RequestTemplate && Scalar(e, "CorrelationId") == correlationId);
        var only = completed.ShouldHaveSingleItem();
        only.Level.ShouldBe(LogEventLevel.Information);
        Scalar(only, "UserId").ShouldBe(userId.ToString());
        Scalar(only, "UnitId").ShouldBe(DemoData.SpendingUnitId.ToString());
        Scalar(only, "StatusCode").ShouldBe("200");
        Scalar(only, "RequestPath").ShouldBe($"/Units/{DemoData.SpendingUnitId}/PaymentOrders");
    }

    [Fact]
    public async Task Health_probes_stay_out_of_the_request_log_and_an_anonymous_request_is_logged_as_anonim()
    {
        var client = fixture.App.Anonymous();
        var probeId = "probe-" + Guid.NewGuid().ToString("N");
        var pageId = "page-" + Guid.NewGuid().ToString("N");
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        probe.Headers.Add("X-Correlation-Id", probeId);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        page.Headers.Add("X-Correlation-Id", pageId);

        (await client.SendAsync(probe)).EnsureSuccessStatusCode();
        (await client.SendAsync(page)).EnsureSuccessStatusCode();

        var pageEvent = (await fixture.Log.WaitForAsync(e => e.MessageTemplate.Text == RequestTemplate && Scalar(e, "CorrelationId") == pageId)).ShouldHaveSingleItem();
        Scalar(pageEvent, "UserId").ShouldBe("anonim");
        pageEvent.Properties.ContainsKey("UnitId").ShouldBeFalse();
        fixture.Log.Events.ShouldNotContain(e => e.MessageTemplate.Text == RequestTemplate && Scalar(e, "CorrelationId") == probeId);
    }

    [Fact]
    public async Task In_json_mode_the_console_gets_one_parseable_json_object_per_line()
    {
        var correlationId = "json-" + Guid.NewGuid().ToString("N");
        var captured = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
            request.Headers.Add("X-Correlation-Id", correlationId);
            (await fixture.App.Anonymous().SendAsync(request)).EnsureSuccessStatusCode();
            await fixture.Log.WaitForAsync(e => e.MessageTemplate.Text == RequestTemplate && Scalar(e, "CorrelationId") == correlationId);
        }
        finally
        {
            Console.SetOut(original);
        }

        // Other test classes' apps may write to the console meanwhile (readable text); this app's lines carry the id.
        var lines = captured.ToString().Split('\n').Where(l => l.Contains(correlationId, StringComparison.Ordinal)).ToList();
        lines.ShouldNotBeEmpty();
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.ShouldAllBe(e => e.GetProperty("@t").GetString()!.Length > 0 && e.GetProperty("CorrelationId").GetString() == correlationId);
        var completed = events.Where(e => e.GetProperty("@mt").GetString() == RequestTemplate).ToList();
        completed.ShouldHaveSingleItem().GetProperty("StatusCode").GetInt32().ShouldBe(200);
        completed[0].GetProperty("RequestPath").GetString().ShouldBe("/Account/Login");
    }

    [Fact]
    public void Without_telemetry_settings_the_app_registers_no_tracer_or_meter_provider()
    {
        fixture.App.Services.GetService<OpenTelemetry.Trace.TracerProvider>().ShouldBeNull();
        fixture.App.Services.GetService<OpenTelemetry.Metrics.MeterProvider>().ShouldBeNull();
    }

    private static string? Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The test's observer: a real Serilog sink the app picks up from its services.</summary>
    public sealed class CapturedLog : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyCollection<LogEvent> Events => _events;

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        /// <summary>
        /// The matching events once at least one arrived (the request-completed event is written after the response may
        /// have reached the client) and a moment passed in which a second one could have.
        /// </summary>
        public async Task<List<LogEvent>> WaitForAsync(Func<LogEvent, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!_events.Any(match) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            await Task.Delay(200);
            return _events.Where(match).ToList();
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private TestDatabase? _database;
        private MysAppFactory? _factory;

        public CapturedLog Log { get; } = new();

        public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

        public async Task InitializeAsync()
        {
            var settings = new Dictionary<string, string> { ["Mys:Logging:Format"] = "json" };
            _database = await TestDatabase.CreateSeededAsync(settings);
            _factory = new MysAppFactory(_database, settings)
            {
                ConfigureServices = services => services.AddSingleton<ILogEventSink>(Log),
            };
            _ = _factory.Server;
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
