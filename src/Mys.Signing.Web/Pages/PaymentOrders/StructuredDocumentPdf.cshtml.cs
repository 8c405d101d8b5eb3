using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The PDF of an HTOB or VİF linked to an ÖEB of the unit, rendered from its stored canonical JSON (deterministic:
/// the same document always gives the same bytes). <c>?download=1</c> sends it as an attachment.
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class StructuredDocumentPdfModel(MysDbContext db, ILogger<StructuredDocumentPdfModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public Guid DocumentId { get; set; }

    public async Task<IActionResult> OnGetAsync(bool download = false)
    {
        var ct = HttpContext.RequestAborted;
        var link = DocumentId.ToString("D");
        var linked = await db.PaymentOrders.AsNoTracking()
            .AnyAsync(o => o.Id == Id && o.SpendingUnitId == UnitId
                           && EF.Property<List<SupportingDocument>>(o, "_attachments").Any(a => a.StructuredDocumentId == link && a.Source == DocumentSource.SystemProduced), ct);
        var record = linked ? await db.StructuredDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == DocumentId && d.SpendingUnitId == UnitId, ct) : null;
        if (record is null)
        {
            logger.LogWarning("Structured document PDF refused: {DocumentId} is not linked to ÖEB {Id} of unit {UnitId}", DocumentId, Id, UnitId);
            return NotFound();
        }

        var unitName = await db.SpendingUnits.AsNoTracking().Where(u => u.Id == UnitId).Select(u => u.Name).SingleAsync(ct);
        var pdf = StructuredDocumentRenderer.Render(StructuredDocumentPrinting.Build(record, unitName));
        Response.Headers.CacheControl = "no-store";
        return download ? File(pdf, "application/pdf", StructuredDocumentPrinting.FileName(record)) : File(pdf, "application/pdf");
    }
}
