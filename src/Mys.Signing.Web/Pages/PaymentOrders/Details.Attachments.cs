using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>Changes to the attachments already on a draft: take one off, correct an invoice's R9 fields.</summary>
public sealed partial class DetailsModel
{
    /// <summary>The removal form was sent without its confirmation box (a browser without HTML validation, a stray post).</summary>
    private static readonly Refusal RemoveNotConfirmed = new(RefusalKind.Unprocessable, "not confirmed", "Belge çıkarılmadı: çıkarmak için onay kutusunu işaretleyin.");

    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid attachmentId, uint formVersion, bool confirm)
    {
        var ct = HttpContext.RequestAborted;
        if (!confirm)
        {
            return await RefuseAsync(RemoveNotConfirmed, ct);
        }

        var outcome = await _remove.RunAsync(_current.AsActor(), UnitId, Id, attachmentId, formVersion, ct);
        return outcome.Succeeded ? Done("Belge ÖEB'den çıkarıldı.") : await RefuseAsync(outcome.Refusal!, ct);
    }

    /// <summary>R9: corrects the invoice no, supplier VKN/TCKN and date of an uploaded e-Arşiv / paper invoice while Draft.</summary>
    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostInvoiceAsync(Guid attachmentId, uint formVersion, string? invoiceNumber, string? supplierTaxId, string? invoiceDate)
    {
        var ct = HttpContext.RequestAborted;
        var outcome = await _correctInvoice.RunAsync(_current.AsActor(), UnitId, Id, attachmentId, formVersion, invoiceNumber, supplierTaxId, invoiceDate, ct);
        return outcome.Succeeded ? Done("Fatura bilgileri güncellendi.") : await RefuseAsync(outcome.Refusal!, ct);
    }
}
