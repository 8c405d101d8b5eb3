using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Unexpected exceptions: API callers (paths under /api) get RFC 7807 ProblemDetails; pages fall through to the
/// friendly Turkish error page. Either way the exception is logged with the correlation id and never shown (the exception is
/// not handed to the problem details writer, which would print its type in Development). A lost database is 503 with
/// Retry-After (<see cref="DatabaseOutage"/>), not 500.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var outage = DatabaseOutage.Is(exception);
        if (outage)
        {
            logger.LogError(exception, "Database unavailable during {Method} {Path}; answered 503", httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        if (!httpContext.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return false;
        }

        var status = outage ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = outage ? DatabaseOutage.Title : "Beklenmeyen bir hata oluştu.",
                Detail = (outage ? DatabaseOutage.Detail + " " : "İşlem tamamlanamadı. ") + $"Destek için bu kodu iletin: {CorrelationIdMiddleware.Get(httpContext)}",
            },
        });
    }
}
