using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Invoices;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// The data-entry officer attaches an e-Fatura (UBL-TR XML) to a draft ÖEB: it is linked by its ETTN (a structured
/// document is not an uploaded file, RS), its XML kept in the store, its signature judged on the bytes as received and
/// the verdict stored with the link (issue 22); the differences from the ÖEB are reported back.
/// </summary>
public sealed class AttachEInvoice(MysDbContext db, DataEntryOrders orders, IAttachmentStore store, NewAttachments added, ILogger<AttachEInvoice> logger)
{
    /// <summary>Larger e-Fatura XML files are refused whatever the upload limit.</summary>
    public const int MaxXmlBytes = 20 * 1024 * 1024;

    /// <param name="order">A draft ÖEB, tracked (from <see cref="UploadAttachments.OpenAsync"/>).</param>
    public async Task<Outcome<AddedAttachment>> AddAsync(PaymentOrder order, string fileName, Stream body, long limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(body);

        // Read (bounded) first, so a malformed or duplicate e-Fatura stores nothing.
        var max = (int)Math.Min(limit, MaxXmlBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return orders.Refuse(new Refusal(RefusalKind.Invalid, "FILE_TOO_LARGE", "e-Fatura dosyası izin verilen boyutu aşıyor."));
            }

            buffer.Write(chunk, 0, read);
        }

        var parsed = new UblTrInvoiceReader(max).Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (!parsed.IsSuccess)
        {
            return orders.Refuse(UploadAttachments.Refused(parsed.Error!));
        }

        var invoice = parsed.Value;
        var ettn = invoice.Ettn.ToString("D");
        var elsewhere = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.Id != order.Id && o.Status != PaymentOrderStatus.Cancelled && o.Status != PaymentOrderStatus.Returned
                        && EF.Property<List<SupportingDocument>>(o, "_attachments").Any(a => a.StructuredDocumentId == ettn))
            .Select(o => o.Number)
            .FirstOrDefaultAsync(ct);
        if (elsewhere is not null || order.Attachments.Any(a => string.Equals(a.StructuredDocumentId, ettn, StringComparison.OrdinalIgnoreCase)))
        {
            return orders.Refuse(new Refusal(RefusalKind.Conflict, "EINVOICE_DUPLICATE",
                $"Bu e-Fatura (ETTN {ettn}) başka bir etkin ÖEB'ye{(elsewhere is null ? " veya bu ÖEB'ye" : $" ({elsewhere.Value})")} zaten bağlı."));
        }

        buffer.Position = 0;
        var stored = await store.SaveAsync(buffer, ContentKind.Xml, limit, ct);
        if (!stored.IsSuccess)
        {
            return orders.Refuse(UploadAttachments.Refused(stored.Error!));
        }

        var signature = EInvoiceSignatureChecker.Check(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), invoice.Supplier.Value);
        var verdict = EInvoiceVerdicts.From(signature, orders.Support.Clock.GetUtcNow(), stored.Value.Sha256);
        logger.LogInformation("e-Fatura {Ettn} signature: {Status}", ettn, signature.Status);

        var created = SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.EInvoice,
            Source = DocumentSource.EFaturaLink,
            StructuredDocumentId = ettn,
            EInvoiceSignature = verdict,
        });
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["signature"] = verdict.Status.ToString(),
            ["signatureMessage"] = verdict.Message,
            ["ettn"] = ettn,
            ["invoiceNumber"] = invoice.InvoiceNumber,
            ["xmlSha256"] = stored.Value.Sha256,
            ["xmlFileName"] = AttachmentFileName.Clean(fileName),
            ["originalFileName"] = fileName,
        };
        order.AddAttachment(created.Value);
        var differences = EInvoiceComparison.Compare(invoice, order)
            .Select(d => $"{d.Message} (ÖEB: {d.PaymentOrderValue ?? "—"}; e-Fatura: {d.InvoiceValue ?? "—"})")
            .ToList();
        return await added.SaveAsync(order, order.Attachments[^1], fields, differences, ct);
    }
}
