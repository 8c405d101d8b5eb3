using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Catalog;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>The document-type catalogue and the expense types, as the rules read them; links to edit each.</summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(CurrentUser current, CatalogAdministration catalog) : PageModel
{
    public DocumentCatalog Catalog { get; private set; } = null!;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var shown = await catalog.ViewAsync(current.AsActor(), HttpContext.RequestAborted);
        if (shown.Value is null)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }

        Catalog = shown.Value;
        Message = TempData["catalog.message"] as string;
        return Page();
    }
}
