using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Rendering;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>An HTOB / VİF as a PDF, and the name it is downloaded under.</summary>
public sealed record StructuredDocumentPdf(byte[] Content, string FileName);

/// <summary>
/// Someone of the unit opens the PDF of an HTOB or VİF linked to one of its ÖEBs, rendered from the stored canonical JSON
/// (deterministic: the same document always gives the same bytes).
/// </summary>
public sealed class ReadStructuredDocumentPdf(MysDbContext db, ILogger<ReadStructuredDocumentPdf> logger)
{
    public static readonly Refusal NotLinked = new(RefusalKind.NotFound, "not linked", "Belge bu ÖEB'ye bağlı değil.");

    public async Task<Outcome<StructuredDocumentPdf>> RunAsync(Actor actor, Guid unitId, Guid orderId, Guid documentId, CancellationToken ct)
    {
        if (!ViewPaymentOrder.MayView(actor, unitId))
        {
            return ViewPaymentOrder.NotOfTheUnit;
        }

        var link = documentId.ToString("D");
        var linked = await db.PaymentOrders.AsNoTracking()
            .AnyAsync(o => o.Id == orderId && o.SpendingUnitId == unitId
                           && EF.Property<List<SupportingDocument>>(o, "_attachments").Any(a => a.StructuredDocumentId == link && a.Source == DocumentSource.SystemProduced), ct);
        var record = linked ? await db.StructuredDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.SpendingUnitId == unitId, ct) : null;
        if (record is null)
        {
            logger.LogWarning("Structured document PDF refused: {DocumentId} is not linked to ÖEB {Id} of unit {UnitId}", documentId, orderId, unitId);
            return NotLinked;
        }

        var unitName = await db.SpendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(ct);
        return new StructuredDocumentPdf(StructuredDocumentRenderer.Render(StructuredDocumentPrinting.Build(record, unitName)), StructuredDocumentPrinting.FileName(record));
    }
}
