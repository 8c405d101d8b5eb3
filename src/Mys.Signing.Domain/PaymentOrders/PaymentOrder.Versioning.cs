using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Versions: a returned ÖEB is never edited; <see cref="StartNewVersion"/> continues the work in a new aggregate
/// that points back to it, so the signed version stays exactly as it was signed.
/// </summary>
public sealed partial class PaymentOrder
{
    /// <summary>
    /// Returned → a new Draft version (new aggregate with <paramref name="newId"/>), with the same content and
    /// copies of the attachments, without signatures. This version stays Returned and read-only.
    /// </summary>
    public PaymentOrder StartNewVersion(Guid newId, Actor actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.Returned, "yeni sürümü başlatılamaz");
        RequirePreparer(actor);
        if (NextVersionId is not null)
        {
            throw new DomainException("PO_TRANSITION", "Bu ÖEB'nin yeni sürümü zaten başlatılmış.");
        }

        // Value objects are copied (equal values, new instances): the persistence layer stores them per version.
        var next = new PaymentOrder(newId, Version + 1, Id, Number, DocumentDate, BudgetYear, SpendingUnitId, AccountingUnitId, ExpenseTypeCode, actor.UserId, at)
        {
            Classification = Classification,
            GrossAmount = GrossAmount,
            Deductions = Deductions,
            Payee = Payee is null ? null : Payee with { },
            Description = Description,
            Contract = Contract is null ? null : Contract with { },
        };
        foreach (var line in _lines)
        {
            next._lines.Add(line with { });
        }

        foreach (var attachment in Attachments)
        {
            next._attachments.Add(attachment.CopyWithNewId());
        }

        next.RegenerateAttachmentsDescription();
        NextVersionId = newId;
        return next;
    }
}
