using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Application.Common;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>How the catalogue pages answer a refusal that is not about the form: 403 or 404.</summary>
internal static class CatalogRefusals
{
    public static IActionResult? AsStatus(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Forbidden => new StatusCodeResult(StatusCodes.Status403Forbidden),
        RefusalKind.NotFound => new NotFoundResult(),
        _ => null,
    };
}
