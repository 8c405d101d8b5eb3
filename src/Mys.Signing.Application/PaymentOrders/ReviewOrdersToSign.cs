using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>An attachment as the signing page links it: the signer opens each before entering the PIN.</summary>
public sealed record AttachmentToReview(Guid Id, string TypeName, string Name, bool Viewable);

/// <summary>An e-Fatura linked to an ÖEB to sign, with the verdict on its signature (what the signer vouches for).</summary>
public sealed record EInvoiceToReview(string OrderNumber, string? Ettn, EInvoiceSignatureVerdict? Verdict);

/// <summary>One chosen ÖEB; <see cref="WhyNot"/> says why the actor cannot sign it now (null when they can).</summary>
public sealed record OrderToSign(Guid Id, string Number, int Version, string PayeeName, string NetAmountText, PaymentOrderStatus Status, string? WhyNot);

/// <summary>What the signing page shows: the chosen ÖEBs of the unit split by whether they await the actor's signature.</summary>
public sealed record OrdersToSign(
    IReadOnlyList<OrderToSign> ToSign,
    IReadOnlyList<OrderToSign> NotSignable,
    IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentToReview>> Attachments,
    IReadOnlyList<EInvoiceToReview> EInvoices,
    int NotFound);

/// <summary>
/// A realization officer or spending authority reviews exactly what they are about to sign: the chosen ÖEBs of their unit,
/// each one's attachments and linked e-Faturas, and the ones that do not await their signature (with the reason).
/// </summary>
public sealed class ReviewOrdersToSign(MysDbContext db, PaymentOrderSupport support)
{
    /// <summary>Whether an ÖEB in this state awaits the signature of this actor in this unit.</summary>
    public static bool AwaitsSignatureOf(PaymentOrderStatus status, Actor actor, Guid unitId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return status switch
        {
            PaymentOrderStatus.AwaitingRealizationSignature => actor.Holds(Role.RealizationOfficer, unitId),
            PaymentOrderStatus.AwaitingSpendingAuthoritySignature => actor.Holds(Role.SpendingAuthority, unitId),
            _ => false,
        };
    }

    public async Task<OrdersToSign> RunAsync(Actor actor, Guid unitId, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var orders = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.SpendingUnitId == unitId && ids.Contains(o.Id))
            .ToListAsync(ct);
        var rows = orders
            .OrderBy(o => IndexOf(ids, o.Id))
            .Select(o => new OrderToSign(o.Id, o.Number.Value, o.Version, o.Payee?.Name ?? "—", o.NetPayable.ToTurkishString(), o.Status,
                AwaitsSignatureOf(o.Status, actor, unitId) ? null : $"Durumu \"{o.Status.TurkishName()}\"; sizin imzanızı beklemiyor."))
            .ToList();
        var toSign = rows.Where(r => r.WhyNot is null).ToList();
        var signable = orders.Where(o => toSign.Any(r => r.Id == o.Id)).ToList();
        var catalog = await support.CatalogAsync(ct);
        var attachments = signable.ToDictionary(o => o.Id, o => (IReadOnlyList<AttachmentToReview>)o.Attachments
            .Select(a => new AttachmentToReview(a.Id, catalog.FindDocumentType(a.DocumentTypeCode)?.Name ?? a.DocumentTypeCode,
                a.FileName is { } name ? AttachmentFileName.Clean(name) : a.Source.TurkishName(),
                a.Source == DocumentSource.SystemProduced || a.MediaType == AttachmentFile.PdfMediaType))
            .ToList());
        var eInvoices = signable
            .OrderBy(o => IndexOf(ids, o.Id))
            .SelectMany(o => o.Attachments
                .Where(a => string.Equals(a.DocumentTypeCode, DocumentTypeCodes.EInvoice, StringComparison.Ordinal))
                .Select(a => new EInvoiceToReview(o.Number.Value, a.StructuredDocumentId, a.EInvoiceSignature)))
            .ToList();
        return new OrdersToSign(toSign, rows.Where(r => r.WhyNot is not null).ToList(), attachments, eInvoices, ids.Count - rows.Count);
    }

    private static int IndexOf(IReadOnlyList<Guid> ids, Guid id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
