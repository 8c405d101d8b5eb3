using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>The data-entry officer takes an attachment off a draft ÖEB.</summary>
public sealed class RemoveAttachment(MysDbContext db, DataEntryOrders orders, ILogger<RemoveAttachment> logger)
{
    public static readonly Refusal AttachmentNotFound = new(RefusalKind.NotFound, "remove refused", "Belge bu ÖEB'de bulunamadı.");

    public async Task<Outcome<PaymentOrder>> RunAsync(Actor actor, Guid unitId, Guid id, Guid attachmentId, uint formVersion, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        var attachment = order.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null)
        {
            return orders.Refuse(AttachmentNotFound);
        }

        if (!order.IsEditable)
        {
            return orders.Refuse(DataEntryOrders.NotEditable(order, "belge çıkarılamaz"));
        }

        orders.Support.ExpectRowVersion(order, formVersion);
        order.RemoveAttachment(attachmentId);
        db.RecordEvent("PaymentOrderAttachmentRemoved", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { attachmentId, documentType = attachment.DocumentTypeCode, sha256 = attachment.Sha256, ettn = attachment.StructuredDocumentId }));
        if (await orders.SaveAsync(logger, "Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.", ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("Attachment {AttachmentId} removed from ÖEB {OrderId}", attachmentId, order.Id);
        return order;
    }
}
