using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>The document-type catalogue and the expense types, as the rules read them; links to edit each.</summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(MysDbContext db) : PageModel
{
    public DocumentCatalog Catalog { get; private set; } = null!;

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Catalog = await DocumentCatalogLoader.LoadAsync(db, HttpContext.RequestAborted);
        Message = TempData["catalog.message"] as string;
    }
}
