using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Unexpected exceptions: API callers (paths under /api) get RFC 7807 ProblemDetails; pages fall through to the
/// friendly Turkish error page. Either way the exception is logged with the correlation id and never shown (the exception is
/// not handed to the problem details writer, which would print its type in Development). A lost database is 503 with
/// Retry-After (<see cref="DatabaseOutage"/>), not 500. The middleware has already pointed the request at the error page
/// when the handlers run, so where it was going is read from <see cref="IExceptionHandlerPathFeature"/>.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? string.Empty;
        var outage = DatabaseOutage.Is(exception);
        if (outage)
        {
            logger.LogError(exception, "Database unavailable during {Method} {Path}; answered 503", httpContext.Request.Method, path);
            DatabaseOutage.ForgetPooledConnections(httpContext.RequestServices);
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, path);
        }

        if (!IsApi(path))
        {
            return false;
        }

        var status = outage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(Problem(httpContext, status, outage));
    }

    public static bool IsApi(string path) => new PathString(path).StartsWithSegments("/api", StringComparison.Ordinal);

    /// <summary>The problem an API caller gets for an unexpected failure (500) or a lost database (503).</summary>
    public static ProblemDetailsContext Problem(HttpContext httpContext, int status, bool outage) => new()
    {
        HttpContext = httpContext,
        ProblemDetails = new ProblemDetails
        {
            Status = status,
            Title = outage ? DatabaseOutage.Title : "Beklenmeyen bir hata oluştu.",
            Detail = (outage ? DatabaseOutage.Detail + " " : "İşlem tamamlanamadı. ") + $"Destek için bu kodu iletin: {CorrelationIdMiddleware.Get(httpContext)}",
        },
    };
}
