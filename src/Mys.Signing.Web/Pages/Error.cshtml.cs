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

    public void OnGet() => CorrelationId = CorrelationIdMiddleware.Get(HttpContext);

    public void OnPost() => OnGet();
}
