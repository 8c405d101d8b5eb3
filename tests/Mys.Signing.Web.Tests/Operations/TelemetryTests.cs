using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Diagnostics;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure.Telemetry;
using Mys.Signing.Web.Signing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>OpenTelemetry as the app wires it, observed with the SDK's in-memory exporters instead of OTLP.</summary>
public sealed class TelemetryTests(TelemetryTests.Fixture fixture) : IClassFixture<TelemetryTests.Fixture>
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("true", null, true)]
    [InlineData(null, "http://collector:4317", true)]
    [InlineData("false", "http://collector:4317", false)]
    public void Off_by_default_on_by_the_setting_or_the_otlp_endpoint_and_when_off_nothing_is_registered(string? enabled, string? endpoint, bool expected)
    {
        var settings = new Dictionary<string, string?> { [TelemetrySetup.EnabledKey] = enabled, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build();
        var services = new ServiceCollection();

        services.AddMysTelemetry(configuration);

        TelemetrySetup.IsEnabled(configuration).ShouldBe(expected);
        using var provider = services.BuildServiceProvider();
        (provider.GetService<TracerProvider>() is not null).ShouldBe(expected);
        (provider.GetService<MeterProvider>() is not null).ShouldBe(expected);
        if (!expected)
        {
            services.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_request_yields_an_aspnetcore_span_and_the_postgresql_spans_of_its_queries_in_one_trace()
    {
        var client = await fixture.App.LoginAsync(DemoData.Accounts.First(a => a.Role == Role.RealizationOfficer).Tckn);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Units/{DemoData.SpendingUnitId}/PaymentOrders");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var spans = await fixture.SpansAsync(traceId, s => s.Kind == ActivityKind.Server);
        var server = spans.Single(s => s.Kind == ActivityKind.Server);
        server.Source.Name.ShouldBe("Microsoft.AspNetCore");
        server.GetTagItem("http.route").ShouldBe("Units/{unitId:guid}/PaymentOrders");
        server.GetTagItem("http.response.status_code").ShouldBe(200);
        spans.ShouldContain(s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client && s.ParentSpanId != default);
    }

    [Fact]
    public async Task A_verification_yields_the_verification_count_and_duration_tagged_with_its_indication()
    {
        var pdf = await File.ReadAllBytesAsync(Path.Combine(TestDatabase.RepositoryRoot(), "tests", "corpus", "intact", "pdfsig-rsa-sha256.pdf"));
        var before = fixture.Verifications("PAdES");

        var report = await fixture.App.Services.GetRequiredService<SigningComponents>().DocumentValidator.ValidatePdfAsync(pdf);

        var indication = report.Indication switch
        {
            Signatures.Validation.Indication.TotalPassed => "TOTAL-PASSED",
            Signatures.Validation.Indication.TotalFailed => "TOTAL-FAILED",
            _ => "INDETERMINATE",
        };
        var after = fixture.Verifications("PAdES");
        after.Count.GetValueOrDefault(indication).ShouldBeGreaterThan(before.Count.GetValueOrDefault(indication));
        after.Durations.GetValueOrDefault(indication).ShouldBeGreaterThan(before.Durations.GetValueOrDefault(indication));
    }

    /// <summary>An ICollection the exporters may add to from several threads.</summary>
    public sealed class ReceivedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public List<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly ReceivedCollection<Activity> _spans = new();
        private readonly ReceivedCollection<MetricSnapshot> _metrics = new();
        private TestDatabase? _database;
        private MysAppFactory? _factory;

        public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

        /// <summary>The spans of a trace, once one matching <paramref name="until"/> ended (a span is exported when it stops).</summary>
        public async Task<List<Activity>> SpansAsync(ActivityTraceId traceId, Func<Activity, bool> until)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!_spans.Snapshot().Any(s => s.TraceId == traceId && until(s)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            return _spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
        }

        /// <summary>The cumulative verification count and duration sum per indication for a kind, as exported now.</summary>
        public (Dictionary<string, long> Count, Dictionary<string, double> Durations) Verifications(string kind)
        {
            _metrics.Clear();
            // False here: the OTLP exporter beside the in-memory one finds no collector.
            App.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var exported = _metrics.Snapshot();
            var count = new Dictionary<string, long>();
            var durations = new Dictionary<string, double>();
            foreach (var point in Points(exported, "mys.signing.verifications", kind))
            {
                count[Tag(point, "indication")] = point.GetSumLong();
            }

            foreach (var point in Points(exported, "mys.signing.verification.duration", kind))
            {
                durations[Tag(point, "indication")] = point.GetHistogramSum();
            }

            return (count, durations);
        }

        private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> exported, string name, string kind) =>
            exported.Where(m => m.Name == name && m.MeterName == SigningMetrics.MeterName).SelectMany(m => m.MetricPoints).Where(p => Tag(p, "kind") == kind);

        private static string Tag(MetricPoint point, string name)
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == name)
                {
                    return tag.Value?.ToString() ?? string.Empty;
                }
            }

            return string.Empty;
        }

        public async Task InitializeAsync()
        {
            var settings = new Dictionary<string, string> { [TelemetrySetup.EnabledKey] = "true" };
            _database = await TestDatabase.CreateSeededAsync(settings);
            _factory = new MysAppFactory(_database, settings)
            {
                ConfigureServices = services => services
                    .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
                    .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)),
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
