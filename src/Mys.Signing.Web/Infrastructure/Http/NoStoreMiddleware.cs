using Microsoft.Net.Http.Headers;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response the app makes itself (pages, downloads, the API): they carry
/// personal or payment data (T.C. numbers, IBANs, amounts, signed documents) that no browser cache or proxy may keep.
/// Sits after the static files, which stay cacheable.
/// </summary>
public sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderNames.CacheControl] = "no-store";
            context.Response.Headers[HeaderNames.Pragma] = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
