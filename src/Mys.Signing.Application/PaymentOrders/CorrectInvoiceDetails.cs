using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>R9: the data-entry officer corrects the invoice no, supplier VKN/TCKN and date of an uploaded e-Arşiv / paper invoice while Draft.</summary>
public sealed class CorrectInvoiceDetails(MysDbContext db, DataEntryOrders orders, ILogger<CorrectInvoiceDetails> logger)
{
    public static readonly Refusal AttachmentNotFound = new(RefusalKind.NotFound, "invoice edit refused", "Belge bu ÖEB'de bulunamadı.");

    public static readonly Refusal NotAnInvoice =
        new(RefusalKind.Invalid, "invoice edit refused", "Fatura bilgileri yalnızca e-Arşiv veya kâğıt fatura belgesinde değiştirilebilir.");

    public async Task<Outcome<PaymentOrder>> RunAsync(
        Actor actor, Guid unitId, Guid id, Guid attachmentId, uint formVersion, string? invoiceNumber, string? supplierTaxId, string? invoiceDate, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        var attachment = order.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        var refusal = attachment is null ? AttachmentNotFound
            : !order.IsEditable ? DataEntryOrders.NotEditable(order, "fatura bilgileri değiştirilemez")
            : !string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal) ? NotAnInvoice
            : null;
        if (refusal is not null)
        {
            return orders.Refuse(refusal);
        }

        var details = InvoiceFields.Parse(invoiceNumber, supplierTaxId, invoiceDate);
        if (details.Value is null)
        {
            return orders.Refuse(details.Refusal!);
        }

        orders.Support.ExpectRowVersion(order, formVersion);
        var before = attachment!.Invoice;
        order.ChangeInvoiceDetails(attachmentId, details.Value);
        db.RecordEvent("PaymentOrderInvoiceDetailsChanged", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            attachmentId,
            before = before is null ? null : AttachmentsDescription.Line(before),
            after = AttachmentsDescription.Line(details.Value),
        }));
        if (await orders.SaveAsync(logger, "Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.", ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("Invoice fields of attachment {AttachmentId} on ÖEB {OrderId} changed", attachmentId, order.Id);
        return order;
    }
}
