using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// A structured document (HTOB, VİF) made by the system, ready to be stored as its canonical JSON and linked to an ÖEB;
/// with the audit entry that records the link and the words for a number already used in the unit.
/// </summary>
public sealed record StructuredDocumentDraft(Guid Id, string TypeCode, int SchemaVersion, string Number, DateOnly Date, byte[] CanonicalJson)
{
    public required string AuditAction { get; init; }

    /// <summary>The audit entry's details, given the SHA-256 of the canonical JSON.</summary>
    public required Func<string, object> AuditDetails { get; init; }

    public required string DuplicateNumberMessage { get; init; }

    public static StructuredDocumentDraft Of(AssetVoucher vif)
    {
        ArgumentNullException.ThrowIfNull(vif);
        return new(vif.Id, AssetVoucher.TypeCode, AssetVoucher.SchemaVersion, vif.Number, vif.Date, vif.ToCanonicalJson())
        {
            AuditAction = "AssetVoucherLinked",
            AuditDetails = sha256 => new { vifId = vif.Id, number = vif.Number, sha256, grandTotal = vif.GrandTotal.ToString() },
            DuplicateNumberMessage = "Bu sayıda bir varlık işlem fişi bu harcama biriminde zaten var.",
        };
    }

    public static StructuredDocumentDraft Of(SpendingInstruction htob)
    {
        ArgumentNullException.ThrowIfNull(htob);
        return new(htob.Id, SpendingInstruction.TypeCode, SpendingInstruction.SchemaVersion, htob.Number, htob.Date, htob.ToCanonicalJson())
        {
            AuditAction = "SpendingInstructionLinked",
            AuditDetails = sha256 => new { htobId = htob.Id, number = htob.Number, sha256 },
            DuplicateNumberMessage = "Bu sayıda bir harcama talimatı bu harcama biriminde zaten var.",
        };
    }
}

/// <summary>
/// The data-entry officer prepares an HTOB or a VİF for a draft ÖEB: the document is stored as its canonical JSON and
/// linked to the ÖEB (document source "system produced") in the same transaction.
/// </summary>
public sealed class LinkStructuredDocument(MysDbContext db, DataEntryOrders orders, ILogger<LinkStructuredDocument> logger)
{
    /// <summary>The ÖEB the form is for (also when it is no longer a draft: the form shows its number and <see cref="RefuseIfNotDraft"/>).</summary>
    public Task<Outcome<PaymentOrder>> FindAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct) => orders.FindAsync(actor, unitId, id, ct);

    public static Refusal? RefuseIfNotDraft(PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.IsEditable ? null : DataEntryOrders.NotEditable(order, "belge bağlanamaz");
    }

    /// <param name="order">From <see cref="FindAsync"/>, tracked.</param>
    public async Task<Outcome<StructuredDocumentRecord>> RunAsync(Actor actor, PaymentOrder order, uint formVersion, StructuredDocumentDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(draft);
        if (RefuseIfNotDraft(order) is { } notDraft)
        {
            return notDraft;
        }

        var support = orders.Support;
        var record = StructuredDocumentRecord.Of(draft.Id, draft.TypeCode, draft.SchemaVersion, order.SpendingUnitId, draft.Number, draft.Date,
            draft.CanonicalJson, actor.Id, support.Clock.GetUtcNow());
        db.StructuredDocuments.Add(record);
        support.ExpectRowVersion(order, formVersion);
        order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = draft.TypeCode,
            Source = DocumentSource.SystemProduced,
            StructuredDocumentId = draft.Id.ToString("D"),
        }).Value);
        db.RecordEvent(draft.AuditAction, nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(draft.AuditDetails(record.Sha256)));
        try
        {
            if (await orders.SaveAsync(logger, "Bu ÖEB siz çalışırken değiştirildi; sayfayı yenileyip yeniden deneyin.", ct) is { } stale)
            {
                return stale;
            }
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new Refusal(RefusalKind.Conflict, "duplicate number", draft.DuplicateNumberMessage);
        }

        logger.LogInformation("{Type} {DocumentId} created and linked to ÖEB {OrderId}", draft.TypeCode, draft.Id, order.Id);
        return record;
    }
}
