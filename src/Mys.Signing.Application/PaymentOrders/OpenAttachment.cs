using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>An attachment as it is opened: what it is, and its bytes (the caller disposes the stream).</summary>
public sealed record OpenedAttachment(AttachmentFile File, Stream Content);

/// <summary>
/// A data-entry officer, realization officer or spending authority of the unit opens one attachment of its ÖEB before
/// signing: the bytes the signed attachments table binds (once the ÖEB is rendered for signing), else the upload or the
/// HTOB / VİF as it would be signed.
/// </summary>
public sealed class OpenAttachment(MysDbContext db, AttachmentFiles files)
{
    public static readonly Refusal AttachmentNotFound = new(RefusalKind.NotFound, "attachment not found", "Ek bulunamadı.");

    public static readonly Refusal ContentMissing = new(RefusalKind.NotFound, "attachment content missing", "Ekin içeriği bulunamadı.");

    public async Task<Outcome<OpenedAttachment>> RunAsync(Actor actor, Guid unitId, Guid orderId, Guid attachmentId, CancellationToken ct)
    {
        if (!ViewPaymentOrder.MayView(actor, unitId))
        {
            return ViewPaymentOrder.NotOfTheUnit;
        }

        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.SpendingUnitId == unitId, ct);
        if (order is null || order.Attachments.All(a => a.Id != attachmentId))
        {
            return AttachmentNotFound;
        }

        var file = (await files.ForOrderAsync(order, ct)).FirstOrDefault(f => f.AttachmentId == attachmentId);
        var content = file is null ? null : await files.OpenAsync(file, ct);
        return content is null ? ContentMissing : new OpenedAttachment(file!, content);
    }
}
