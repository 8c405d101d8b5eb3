using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages;

[AuthenticatedOnly]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
