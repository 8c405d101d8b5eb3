using System.Globalization;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// One file as the upload form sends it: the form fields that came before it (document type, source, R9 invoice fields,
/// check boxes), its name as received, its declared media type and its bytes, read as they arrive.
/// </summary>
public sealed record UploadedFile(IReadOnlyDictionary<string, string> Fields, string FileName, string? ContentType, Stream Content);

/// <summary>
/// The data-entry officer adds a document to a draft ÖEB: the file goes straight into the attachment store (size limit,
/// per-ÖEB total, magic bytes, unsafe PDF) without being buffered whole; an e-Fatura goes to <see cref="AttachEInvoice"/>.
/// </summary>
public sealed class UploadAttachments(DataEntryOrders orders, IAttachmentStore store, AttachEInvoice eInvoices, NewAttachments added)
{
    /// <summary>The draft ÖEB an upload goes to; checked before a byte of the file is read.</summary>
    public async Task<Outcome<PaymentOrder>> OpenAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        return order.IsEditable ? order : orders.Refuse(DataEntryOrders.NotEditable(order, "belge eklenemez"));
    }

    /// <summary>
    /// Stores the file and attaches it to the ÖEB from <see cref="OpenAsync"/>. A form that posts the ÖEB's row version it
    /// was read at (field <c>formVersion</c>, before the file) is refused, storing nothing, when the ÖEB changed since.
    /// </summary>
    public async Task<Outcome<AddedAttachment>> AddAsync(PaymentOrder order, UploadedFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(file);
        var support = orders.Support;
        if (RefuseStaleForm(order, file.Fields) is { } stale)
        {
            return orders.Refuse(stale);
        }

        var limit = support.MaxFileBytes;
        var fields = new Dictionary<string, string>(file.Fields, StringComparer.Ordinal);
        if (AttachmentFileName.Check(file.FileName).Error is { } badName)
        {
            return orders.Refuse(new Refusal(RefusalKind.Invalid, badName.Code, badName.Message));
        }

        if (fields.Values.FirstOrDefault(TypedText.HasForbidden) is not null)
        {
            return orders.Refuse(new Refusal(RefusalKind.Invalid, "field control", "Form alanlarından biri kontrol karakteri veya görünmez bir yön karakteri içeriyor; eklenemez."));
        }

        var type = (await support.CatalogAsync(ct)).FindDocumentType(fields.GetValueOrDefault("documentType")?.Trim());
        if (type is null)
        {
            return orders.Refuse(new Refusal(RefusalKind.Invalid, "no type", "Belge türü seçilmelidir."));
        }

        if (string.Equals(type.Code, DocumentTypeCodes.EInvoice, StringComparison.Ordinal))
        {
            return await eInvoices.AddAsync(order, file.FileName, file.Content, limit, ct);
        }

        InvoiceDetails? invoice = null;
        if (type.IsInvoice)
        {
            var parsed = InvoiceFields.Parse(fields.GetValueOrDefault("invoiceNumber"), fields.GetValueOrDefault("supplierTaxId"), fields.GetValueOrDefault("invoiceDate"));
            if (parsed.Value is null)
            {
                return orders.Refuse(parsed.Refusal!);
            }

            invoice = parsed.Value;
        }

        var source = fields.GetValueOrDefault("source") switch
        {
            "electronic" => DocumentSource.ElectronicallyProduced,
            _ => DocumentSource.Scan,
        };
        if (!type.AllowedSources.Contains(source))
        {
            source = type.AllowedSources[0];
        }

        // The per-ÖEB total caps the stream too, so an upload that would exceed it is stopped while streaming.
        var maxTotal = support.MaxTotalBytesPerOrder;
        var remaining = AttachmentQuota.RemainingBytes(order, maxTotal);
        if (remaining == 0)
        {
            return orders.Refuse(Refused(AttachmentQuota.Exceeded(AttachmentQuota.TotalBytes(order), maxTotal)));
        }

        var stored = await store.SaveAsync(file.Content, DeclaredKind(file), Math.Min(limit, remaining), AttachmentIntake.CheckFor, ct);
        if (!stored.IsSuccess)
        {
            var error = stored.Error!;
            if (remaining < limit && string.Equals(error.Code, "FILE_TOO_LARGE", StringComparison.Ordinal))
            {
                error = AttachmentQuota.Exceeded(AttachmentQuota.TotalBytes(order), maxTotal);
            }

            return orders.Refuse(Refused(error));
        }

        var quota = AttachmentQuota.Check(order, stored.Value.Size, maxTotal);
        if (!quota.IsSuccess)
        {
            return orders.Refuse(Refused(quota.Error!));
        }

        // The name as received goes only into the audit event; the attachment (and so everything signed) has the cleaned one.
        fields["originalFileName"] = file.FileName;
        var created = SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = type.Code,
            Source = source,
            FileName = AttachmentFileName.Clean(file.FileName),
            SizeBytes = stored.Value.Size,
            Sha256 = stored.Value.Sha256,
            MediaType = stored.Value.Kind.MediaType(),
            Invoice = invoice,
            CarriesSignatures = IsOn(fields, "carriesSignatures"),
            IsCommitmentFile = type.IsCommitmentFile || IsOn(fields, "isCommitmentFile"),
        });
        if (!created.IsSuccess)
        {
            return orders.Refuse(Refused(created.Error!));
        }

        order.AddAttachment(created.Value);
        return await added.SaveAsync(order, created.Value, fields, [], ct);
    }

    private Refusal? RefuseStaleForm(PaymentOrder order, IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue("formVersion", out var posted))
        {
            return null;
        }

        if (!uint.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var formVersion))
        {
            return new Refusal(RefusalKind.Invalid, "form version", "Form sürümü okunamadı; sayfayı yenileyip yeniden deneyin.");
        }

        // Checked now, before a byte is stored; and again by the save, for a change made while the file streams.
        if (orders.Support.RowVersionOf(order) != formVersion)
        {
            return new Refusal(RefusalKind.Conflict, "stale", NewAttachments.StaleMessage);
        }

        orders.Support.ExpectRowVersion(order, formVersion);
        return null;
    }

    /// <summary>A refusal of the store or the domain, with its code and message as they are.</summary>
    internal static Refusal Refused(Domain.Common.DomainError error) => new(RefusalKind.Unprocessable, error.Code, error.Message);

    private static ContentKind DeclaredKind(UploadedFile file)
    {
        var declared = ContentKinds.FromMediaType(file.ContentType);
        return declared != ContentKind.Unknown ? declared : Path.GetExtension(file.FileName).ToUpperInvariant() switch
        {
            ".PDF" => ContentKind.Pdf,
            ".TIF" or ".TIFF" => ContentKind.Tiff,
            ".JPG" or ".JPEG" => ContentKind.Jpeg,
            ".PNG" => ContentKind.Png,
            _ => ContentKind.Unknown,
        };
    }

    private static bool IsOn(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && (string.Equals(value, "on", StringComparison.Ordinal) || string.Equals(value, "true", StringComparison.Ordinal));
}
