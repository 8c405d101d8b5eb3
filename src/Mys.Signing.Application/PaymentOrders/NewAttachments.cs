using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// A document just attached to an ÖEB: its type's name, the e-Fatura signature verdict (if any) and the differences
/// between an e-Fatura and the ÖEB, for the message to the user.
/// </summary>
public sealed record AddedAttachment(PaymentOrder Order, SupportingDocument Attachment, string TypeName, string? SignatureMessage, IReadOnlyList<string> Differences);

/// <summary>The last step of every upload: the audit entry of the new attachment and the save (or the stale refusal).</summary>
public sealed class NewAttachments(MysDbContext db, DataEntryOrders orders, ILogger<NewAttachments> logger)
{
    public const string StaleMessage = "Bu ÖEB siz belge eklerken değiştirildi; sayfayı yenileyip yeniden deneyin.";

    /// <param name="fields">The form fields and what the upload learnt (original file name, the e-Fatura's XML hash…), for the audit entry.</param>
    public async Task<Outcome<AddedAttachment>> SaveAsync(
        PaymentOrder order, SupportingDocument added, IReadOnlyDictionary<string, string> fields, IReadOnlyList<string> differences, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(fields);
        db.RecordEvent("PaymentOrderAttachmentUploaded", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            attachmentId = added.Id,
            documentType = added.DocumentTypeCode,
            source = added.Source.ToString(),
            fileName = added.FileName ?? fields.GetValueOrDefault("xmlFileName"),
            originalFileName = fields.GetValueOrDefault("originalFileName"),
            size = added.SizeBytes,
            sha256 = added.Sha256 ?? fields.GetValueOrDefault("xmlSha256"),
            ettn = added.StructuredDocumentId,
            invoiceNumber = added.Invoice?.InvoiceNumber ?? fields.GetValueOrDefault("invoiceNumber"),
            signature = fields.GetValueOrDefault("signature"),
            signatureMessage = added.EInvoiceSignature?.Message,
            signer = added.EInvoiceSignature?.Signer,
            signerTaxId = added.EInvoiceSignature?.SignerTaxId,
            signerIsSupplier = added.EInvoiceSignature?.SignerIsSupplier,
        }));
        if (await orders.SaveAsync(logger, StaleMessage, ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("Attachment {AttachmentId} ({Type}) added to ÖEB {OrderId}", added.Id, added.DocumentTypeCode, order.Id);
        var typeName = (await orders.Support.CatalogAsync(ct)).FindDocumentType(added.DocumentTypeCode)?.Name ?? added.DocumentTypeCode;
        return new AddedAttachment(order, added, typeName, fields.GetValueOrDefault("signatureMessage"), differences);
    }
}
