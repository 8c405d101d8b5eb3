using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Web.Pages.PaymentOrders;
using VerifyPage = Mys.Signing.Web.Pages.Verify.IndexModel;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Uploads (the public verification page, an ÖEB's "Belge Ekle", scripted or not) are refused with a Turkish 413 page
/// before anything reads them when they announce more than their limit, and cut off with the same page when a body
/// without a length grows past it, so an oversized upload is never buffered and never ends as a server error.
/// Runs inside the exception handler so the framework's "request body too large" reaches it first.
/// </summary>
public sealed class UploadLimitMiddleware(RequestDelegate next, IConfiguration configuration, ILogger<UploadLimitMiddleware> logger)
{
    // The multipart envelope and the form fields around the file.
    private const long Envelope = 1024 * 1024;

    // After a refusal the rest of the body is read and dropped, up to this much and this long, so the client that is
    // still sending reads the 413 instead of a connection reset (closing a socket with unread data resets it).
    private const long DrainAllowance = 64L * 1024 * 1024;
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (LimitOf(context.Request) is not { } limit)
        {
            await next(context);
            return;
        }

        var raw = context.Request.Body;
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature ? feature : null;
        if (context.Request.ContentLength > limit.Bytes)
        {
            logger.LogInformation("Upload to {Path} refused before reading: {Length} bytes announced, limit {Limit}", context.Request.Path, context.Request.ContentLength, limit.Bytes);
            if (size is not null && context.Request.ContentLength <= limit.Bytes + DrainAllowance)
            {
                size.MaxRequestBodySize = context.Request.ContentLength;
            }

            await RefuseAsync(context, limit);
            await DrainAsync(context, raw);
            return;
        }

        if (size is not null)
        {
            // A body without a length is held to the limit by LimitedRequestBody; the server's own limit leaves room to drain.
            size.MaxRequestBodySize = context.Request.ContentLength is null ? limit.Bytes + DrainAllowance : limit.Bytes;
        }

        try
        {
            if (context.Request.ContentLength is null)
            {
                context.Request.Body = new LimitedRequestBody(context.Request.Body, limit.Bytes);
                if (limit.ReadAsForm)
                {
                    // A form is buffered whole anyway (and its reader, antiforgery, turns a read failure into a 400):
                    // buffer it here, so that one past the limit is answered here.
                    context.Request.EnableBuffering(bufferLimit: limit.Bytes);
                    await context.Request.Body.DrainAsync(context.RequestAborted);
                    context.Request.Body.Position = 0;
                }
            }

            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            logger.LogInformation("Upload to {Path} cut off past the {Limit}-byte limit", context.Request.Path, limit.Bytes);
            await RefuseAsync(context, limit);
            await DrainAsync(context, raw);
        }
    }

    private async Task DrainAsync(HttpContext context, Stream raw)
    {
        await context.Response.CompleteAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(DrainTime);
        var buffer = new byte[64 * 1024];
        long drained = 0;
        try
        {
            int read;
            while (drained < DrainAllowance && (read = await raw.ReadAsync(buffer, timeout.Token)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client stopped sending, took too long, or sent more than the allowance: the connection closes either way.
            logger.LogDebug("Refused upload to {Path}: stopped draining after {Bytes} bytes ({Reason})", context.Request.Path, drained, ex.GetType().Name);
        }
    }

    private UploadLimit? LimitOf(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        if (request.Path.StartsWithSegments("/dogrula", StringComparison.OrdinalIgnoreCase))
        {
            return new UploadLimit(VerifyPage.MaxUploadBytes + (64 * 1024), VerifyPage.MaxUploadBytes, "/dogrula", "Doğrulama sayfasına dön", ReadAsForm: true);
        }

        if (!string.Equals(request.Query["handler"], "Upload", StringComparison.OrdinalIgnoreCase)
            || !request.Path.StartsWithSegments("/Units", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var file = configuration.GetValue("Mys:Attachments:MaxFileBytes", PaymentOrderSupport.DefaultMaxFileBytes);
        // Without JavaScript the token is a form field and the whole form is buffered: the no-script cap applies
        // (NoScriptUploadCapAttribute explains an announced body over it on the details page).
        var scripted = request.Headers.ContainsKey("RequestVerificationToken");
        var bytes = scripted ? file + Envelope
            : request.ContentLength is null ? NoScriptUploadCapAttribute.MaxBytes
            : Math.Max(NoScriptUploadCapAttribute.MaxBytes, file + Envelope);

        var shown = !scripted && request.ContentLength is null ? NoScriptUploadCapAttribute.MaxBytes : file;
        return new UploadLimit(bytes, shown, request.PathBase + request.Path, "ÖEB'ye dön", ReadAsForm: !scripted);
    }

    private static async Task RefuseAsync(HttpContext context, UploadLimit limit)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.Connection = "close";
        var back = System.Net.WebUtility.HtmlEncode(limit.Back);
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"tr\"><meta charset=\"utf-8\"><title>Dosya çok büyük</title>" +
            $"<p>Dosya çok büyük; en çok {Display.Size(limit.FileBytes)} yüklenebilir. <a href=\"{back}\">{limit.BackText}</a></p></html>",
            context.RequestAborted);
    }

    private sealed record UploadLimit(long Bytes, long FileBytes, string Back, string BackText, bool ReadAsForm);
}
