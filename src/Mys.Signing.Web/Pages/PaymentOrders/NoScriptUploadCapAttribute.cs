using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Mys.Signing.Web.Infrastructure;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The upload form posted without JavaScript carries the antiforgery token as a form field, so antiforgery reads
/// (buffers) the whole form before the handler runs, under Kestrel's request limit. This runs before antiforgery
/// (authorization filters with a lower order go first) and turns a body over <see cref="MaxBytes"/> into a clear
/// Turkish message on the details page instead of a failed request. The scripted upload (token in a header) is streamed
/// and is not affected.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoScriptUploadCapAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Kestrel's default MaxRequestBodySize, which applies to the buffered form.</summary>
    public const long MaxBytes = 30_000_000;

    public const string TempDataKey = "po.error";

    public int Order => -1000;

    public static string Message =>
        $"JavaScript kapalıyken en çok {Display.Size(MaxBytes)} yüklenebilir. Daha büyük bir dosya için JavaScript'i açarak sürükle-bırak ile yükleyin.";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsPost(request.Method)
            || !string.Equals(request.Query["handler"], "Upload", StringComparison.OrdinalIgnoreCase)
            || request.Headers.ContainsKey("RequestVerificationToken")
            || request.ContentLength is not > MaxBytes)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<ILogger<NoScriptUploadCapAttribute>>()
            .LogInformation("No-script upload of {Bytes} bytes to {Path} refused: over the {Limit}-byte form limit", request.ContentLength, request.Path, MaxBytes);
        var tempData = services.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
        tempData[TempDataKey] = Message;
        tempData.Save();
        context.Result = new RedirectResult(request.PathBase + request.Path);
    }
}
