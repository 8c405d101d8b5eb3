using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The PDF of an HTOB or VİF linked to an ÖEB of the unit, rendered from its stored canonical JSON (deterministic:
/// the same document always gives the same bytes). <c>?download=1</c> sends it as an attachment.
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class StructuredDocumentPdfModel(CurrentUser current, ReadStructuredDocumentPdf read) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public Guid DocumentId { get; set; }

    public async Task<IActionResult> OnGetAsync(bool download = false)
    {
        var outcome = await read.RunAsync(current.AsActor(), UnitId, Id, DocumentId, HttpContext.RequestAborted);
        if (outcome.Value is not { } pdf)
        {
            return outcome.Refusal!.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return download ? File(pdf.Content, "application/pdf", pdf.FileName) : File(pdf.Content, "application/pdf");
    }
}
