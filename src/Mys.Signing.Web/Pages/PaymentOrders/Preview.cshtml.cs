using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The printable ÖEB as PDF, through the same renderer the signing flow uses. A preview: it carries no
/// verification code (that is issued when the ÖEB is signed), and says so on the page.
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class PreviewModel(MysDbContext db, IAttachmentStore store, ILogger<PreviewModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id && o.SpendingUnitId == UnitId, ct);
        if (order is null)
        {
            logger.LogWarning("Preview refused: ÖEB {Id} is not in unit {UnitId}", Id, UnitId);
            return NotFound();
        }

        var catalog = await DocumentCatalogLoader.LoadAsync(db, ct);
        // The attachments as they will be signed (a signed ÖEB's as its table binds them).
        var files = await new AttachmentFiles(db, store).ForOrderAsync(order, ct);
        var model = await PaymentOrderPrinting.BuildAsync(order, db, catalog, files, "ÖNİZLEME", $"{Request.Scheme}://{Request.Host}/dogrula", ct);
        var pdf = PaymentOrderRenderer.Render(model with { Title = "ÖDEME EMRİ BELGESİ (ÖNİZLEME)", PrintSignedNotice = false });
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", PaymentOrderPrinting.FileName(order, preview: true));
    }
}
