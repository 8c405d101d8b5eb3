using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Attachments of the ÖEB; every change regenerates the R9 attachments description.</summary>
public sealed partial class PaymentOrder
{
    public void AddAttachment(SupportingDocument attachment)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(attachment);
        if (FindAttachmentIndex(attachment.Id) >= 0)
        {
            throw new DomainException("PO_ATTACHMENT_DUPLICATE", "Bu belge ÖEB'ye zaten eklenmiş.");
        }

        EnsureAttachmentOrder();
        attachment.AssignPosition(_attachments.Count == 0 ? 0 : _attachments[^1].Position + 1);
        _attachments.Add(attachment);
        RegenerateAttachmentsDescription();
    }

    public void RemoveAttachment(Guid attachmentId)
    {
        EnsureDraft();
        _attachments.RemoveAt(RequireAttachmentIndex(attachmentId));
        RegenerateAttachmentsDescription();
    }

    /// <summary>
    /// R9: changes the fields of an e-Arşiv / paper invoice (document type Fatura) and regenerates the attachments
    /// description. Other attachments (an e-Fatura carries its fields in its XML) throw <c>PO_ATTACHMENT_NOT_INVOICE</c>.
    /// </summary>
    public void ChangeInvoiceDetails(Guid attachmentId, InvoiceDetails details)
    {
        EnsureDraft();
        ArgumentNullException.ThrowIfNull(details);
        var attachment = _attachments[RequireAttachmentIndex(attachmentId)];
        if (!string.Equals(attachment.DocumentTypeCode, Catalog.DocumentTypeCodes.Invoice, StringComparison.Ordinal))
        {
            throw new DomainException("PO_ATTACHMENT_NOT_INVOICE", "Fatura bilgileri yalnızca e-Arşiv veya kâğıt fatura belgesinde değiştirilebilir.");
        }

        attachment.ChangeInvoiceDetails(details);
        RegenerateAttachmentsDescription();
    }

    private void RegenerateAttachmentsDescription() => AttachmentsDescription = PaymentOrders.AttachmentsDescription.Generate(Attachments);

    // EF Core fills the owned collection in primary-key (uuid) order, not entry order; sort once after loading.
    private void EnsureAttachmentOrder()
    {
        for (var i = 1; i < _attachments.Count; i++)
        {
            if (_attachments[i - 1].Position > _attachments[i].Position)
            {
                _attachments.Sort(static (a, b) => a.Position.CompareTo(b.Position));
                return;
            }
        }
    }

    private int FindAttachmentIndex(Guid attachmentId)
    {
        EnsureAttachmentOrder();
        for (var i = 0; i < _attachments.Count; i++)
        {
            if (_attachments[i].Id == attachmentId)
            {
                return i;
            }
        }

        return -1;
    }

    private int RequireAttachmentIndex(Guid attachmentId)
    {
        var index = FindAttachmentIndex(attachmentId);
        return index >= 0 ? index : throw new DomainException("PO_ATTACHMENT_NOT_FOUND", "Belge bu ÖEB'de bulunamadı.");
    }
}
