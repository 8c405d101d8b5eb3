using Mys.Signing.Signatures.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mys.Signing.Web.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry, off unless <c>Mys:Telemetry:Enabled</c> is true or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (an explicit
/// <c>Mys:Telemetry:Enabled=false</c> wins). Traces: incoming requests (not the health probes), the HttpClient calls to
/// OCSP/CRL/TSA, PostgreSQL commands. Metrics: the <see cref="SigningMetrics"/> meter, ASP.NET Core, HttpClient, the
/// .NET runtime and Npgsql. Exported over OTLP, configured by the standard <c>OTEL_*</c> environment variables.
/// </summary>
public static class TelemetrySetup
{
    public const string EnabledKey = "Mys:Telemetry:Enabled";

    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetValue<bool?>(EnabledKey) ?? !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    public static IServiceCollection AddMysTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the service instead.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("mys-signing");
                }
            })
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(SigningMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter());
        return services;
    }
}
