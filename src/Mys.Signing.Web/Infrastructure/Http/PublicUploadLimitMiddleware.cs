using Microsoft.AspNetCore.Http.Features;
using Mys.Signing.Web.Pages.Verify;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Uploads to the public verification page are refused before anything reads them when they announce more than the
/// limit, and cut off when a body without a length grows past it, so a 200 MB upload is never buffered.
/// </summary>
public sealed class PublicUploadLimitMiddleware(RequestDelegate next, ILogger<PublicUploadLimitMiddleware> logger)
{
    // The PDF plus the multipart envelope and the antiforgery field.
    private const long Limit = IndexModel.MaxUploadBytes + (64 * 1024);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/dogrula", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > Limit)
        {
            logger.LogInformation("Public verification upload refused before reading: {Length} bytes announced", context.Request.ContentLength);
            await RefuseAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Limit;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            logger.LogInformation("Public verification upload cut off past the limit");
            await RefuseAsync(context);
        }
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.Connection = "close";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"tr\"><meta charset=\"utf-8\"><title>Dosya çok büyük</title>" +
            $"<p>Dosya çok büyük; en çok {IndexModel.MaxUploadBytes / (1024 * 1024)} MB yüklenebilir. <a href=\"/dogrula\">Doğrulama sayfasına dön</a></p></html>",
            context.RequestAborted);
    }
}
