using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Signatures.Rendering;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>A rendered preview: the PDF and the name it is offered under.</summary>
public sealed record PaymentOrderPreview(byte[] Pdf, string FileName);

/// <summary>
/// The printable ÖEB as PDF, through the same renderer the signing flow uses, for the unit's data-entry officers and
/// signers. A preview: it carries no verification code (that is issued when the ÖEB is signed), and says so on the page.
/// </summary>
public sealed class PreviewPaymentOrder(MysDbContext db, PaymentOrderSupport support, AttachmentFiles attachmentFiles, ILogger<PreviewPaymentOrder> logger)
{
    /// <param name="verificationUrl">The public verification page's address, as printed on the ÖEB.</param>
    public async Task<Outcome<PaymentOrderPreview>> RunAsync(Actor actor, Guid unitId, Guid id, string verificationUrl, CancellationToken ct)
    {
        if (!ViewPaymentOrder.MayView(actor, unitId))
        {
            return ViewPaymentOrder.NotOfTheUnit;
        }

        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.SpendingUnitId == unitId, ct);
        if (order is null)
        {
            logger.LogWarning("Preview refused: ÖEB {Id} is not in unit {UnitId}", id, unitId);
            return DataEntryOrders.OrderNotFound;
        }

        // The attachments as they will be signed (a signed ÖEB's as its table binds them).
        var files = await attachmentFiles.ForOrderAsync(order, ct);
        var model = await PaymentOrderPrinting.BuildAsync(order, db, await support.CatalogAsync(ct), files, "ÖNİZLEME", verificationUrl, ct);
        var pdf = PaymentOrderRenderer.Render(model with { Title = "ÖDEME EMRİ BELGESİ (ÖNİZLEME)", PrintSignedNotice = false });
        return new PaymentOrderPreview(pdf, PaymentOrderPrinting.FileName(order, preview: true));
    }
}
