using System.Globalization;
using System.Net;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// The last word on a lost database, just outside the exception handler: when the error page itself cannot be rendered
/// (it re-runs the pipeline, and something on the way may need the database that is still gone), the exception
/// handler gives up and re-throws the original exception, which would become a bare 500 (or, in Development, the
/// developer exception page's). A database outage is answered here instead, 503 with Retry-After and the Turkish sentence,
/// without touching anything that could need the database.
/// </summary>
public sealed class DatabaseOutageFallback(RequestDelegate next, IProblemDetailsService problems, ILogger<DatabaseOutageFallback> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception) && !context.Response.HasStarted)
        {
            logger.LogError(exception, "Database unavailable during {Method} {Path} and the error page could not be rendered either; answered 503 with the plain outage page",
                context.Request.Method, context.Request.Path);
            DatabaseOutage.ForgetPooledConnections(context.RequestServices);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (ApiExceptionHandler.IsApi(context.Request.Path) && await problems.TryWriteAsync(ApiExceptionHandler.Problem(context, StatusCodes.Status503ServiceUnavailable, outage: true)))
            {
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(CorrelationIdMiddleware.Get(context)), context.RequestAborted);
        }
    }

    private static string Page(string correlationId) => $"""
        <!DOCTYPE html>
        <html lang="tr">
        <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(DatabaseOutage.Title)}</title></head>
        <body>
        <h1>{WebUtility.HtmlEncode(DatabaseOutage.Title)}</h1>
        <p>{WebUtility.HtmlEncode(DatabaseOutage.Detail)} Kaydedilmiş verileriniz korunmaktadır.</p>
        <p>Sorun sürerse sistem yöneticinize şu kodu iletin: <code>{WebUtility.HtmlEncode(correlationId)}</code></p>
        <p><a href="/">Ana sayfaya dön</a></p>
        </body>
        </html>
        """;
}
