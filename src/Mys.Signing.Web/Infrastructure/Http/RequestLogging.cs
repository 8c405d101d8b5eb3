using System.Globalization;
using System.Security.Claims;
using Mys.Signing.Web.Infrastructure.Authorization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Serilog for the app (Serilog.AspNetCore). Levels and the rolling JSON file come from the <c>Serilog</c> configuration
/// section; the console is chosen by <c>Mys:Logging:Format</c>: <c>text</c> (default, readable) or <c>json</c> (compact
/// JSON, one line per event, for a central log collector). Every event carries the node's name (<c>Node</c>, see
/// <see cref="NodeName"/>). Sinks, enrichers and filters registered as services are added
/// too (the tests observe the log that way). One event per request is written when it completes, with the correlation id,
/// the user's id and the unit.
/// </summary>
public static class RequestLogging
{
    public const string FormatKey = "Mys:Logging:Format";

    private const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}";

    public static IServiceCollection AddMysLogging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var json = (configuration[FormatKey] ?? "text").ToUpperInvariant() switch
        {
            "TEXT" => false,
            "JSON" => true,
            var other => throw new InvalidOperationException($"{FormatKey} is '{other}'; use 'text' or 'json'."),
        };

        var node = NodeName.Of(configuration);

        // A start-up failure before the host's logger exists (e.g. no key-ring certificate) is logged through the static
        // logger: it gets the same console, once, if nothing configured it yet.
        if (ReferenceEquals(Log.Logger, Serilog.Core.Logger.None))
        {
            Log.Logger = WriteToConsole(new LoggerConfiguration().Enrich.WithProperty("Node", node), json).CreateLogger();
        }

        // The logger belongs to this host (disposed, and its files flushed, with it); Log.Logger stays as it is, so several
        // hosts in one process (the tests) never write to each other's sinks.
        return services.AddSerilog(
            (provider, logger) => WriteToConsole(
                logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider).Enrich.FromLogContext().Enrich.WithProperty("Node", node), json),
            preserveStaticLogger: true);
    }

    private static LoggerConfiguration WriteToConsole(LoggerConfiguration logger, bool json) => json
        ? logger.WriteTo.Console(new CompactJsonFormatter())
        : logger.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: CultureInfo.InvariantCulture);

    /// <summary>The request-completed event; place it inside the correlation id middleware.</summary>
    public static IApplicationBuilder UseMysRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.GetLevel = Level;
            options.EnrichDiagnosticContext = Enrich;
        });
    }

    // Health probes (every few seconds from the orchestrator) stay out of the log unless Verbose is switched on.
    internal static LogEventLevel Level(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal) ? LogEventLevel.Verbose
        : LogEventLevel.Information;

    // The user's id, not the user name: that is the T.C. kimlik number, which stays out of a central log collector.
    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        diagnostics.Set("CorrelationId", CorrelationIdMiddleware.Get(context));
        diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonim");
        var unit = context.GetRouteValue("unitId")?.ToString()
            ?? (context.Items.TryGetValue(CurrentUser.ActingKey, out var acting) ? (acting as ActingAs)?.UnitId?.ToString() : null);
        if (unit is not null)
        {
            diagnostics.Set("UnitId", unit);
        }
    }
}
