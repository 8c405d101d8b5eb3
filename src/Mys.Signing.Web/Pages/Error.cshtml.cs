using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Web.Infrastructure.Http;

namespace Mys.Signing.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string CorrelationId { get; private set; } = string.Empty;

    /// <summary>The request failed because the database could not be reached (503): say so, and that a retry will work.</summary>
    public bool DatabaseUnavailable { get; private set; }

    public void OnGet()
    {
        CorrelationId = CorrelationIdMiddleware.Get(HttpContext);
        DatabaseUnavailable = DatabaseOutage.Is(HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error);
    }

    public void OnPost() => OnGet();
}
