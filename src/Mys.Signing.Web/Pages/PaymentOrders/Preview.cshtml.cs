using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>The printable ÖEB as PDF (<see cref="PreviewPaymentOrder"/>).</summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class PreviewModel(CurrentUser current, PreviewPaymentOrder preview, PublicAddress address) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var outcome = await preview.RunAsync(current.AsActor(), UnitId, Id, address.VerificationPage, HttpContext.RequestAborted);
        if (outcome.Value is not { } shown)
        {
            return outcome.Refusal!.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(shown.Pdf, "application/pdf", shown.FileName);
    }
}
