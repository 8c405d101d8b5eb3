using System.Diagnostics;
using System.Security.Claims;
using Serilog.Context;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> if well-formed, else a new one),
/// returns it in the response, puts it on every log line of the request, and writes one request log line
/// with method, path, status, user and elapsed milliseconds.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "mys.correlationId";

    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as string ?? context.TraceIdentifier;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incoming = context.Request.Headers[HeaderName].ToString();
        var correlationId = incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? incoming
            : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = correlationId;
        context.Response.Headers[HeaderName] = correlationId;

        var started = Stopwatch.GetTimestamp();
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var path = context.Request.Path.Value;
                if (path is null || !path.StartsWith("/health", StringComparison.Ordinal))
                {
                    logger.LogInformation(
                        "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms for {User}",
                        context.Request.Method,
                        path,
                        context.Response.StatusCode,
                        elapsed,
                        context.User.FindFirstValue(ClaimTypes.Name) ?? "anonim");
                }
            }
        }
    }
}
