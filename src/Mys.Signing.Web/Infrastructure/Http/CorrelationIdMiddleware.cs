using Serilog.Context;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> if well-formed, else a new one),
/// returns it in the response and puts it on every log event of the request (the request-completed event is
/// Serilog's, see <see cref="RequestLogging"/>). Kept by hand: Serilog has no correlation id of its own, and the
/// id is also the audit trail's and the one the error pages show.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
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

        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }
}
