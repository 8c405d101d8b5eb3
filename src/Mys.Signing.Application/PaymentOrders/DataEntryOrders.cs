using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// What every change a data-entry officer makes to an ÖEB starts with: the officer's role in the unit, the ÖEB of that
/// unit (tracked), and the refusals those changes share.
/// </summary>
public sealed class DataEntryOrders(MysDbContext db, PaymentOrderSupport support)
{
    /// <summary>No ÖEB of that id in that unit (the page answers 404).</summary>
    public static readonly Refusal OrderNotFound = new(RefusalKind.NotFound, "order not found", "ÖEB bulunamadı.");

    public static readonly Refusal NotDataEntryOfficer = new(RefusalKind.Forbidden, "forbidden", "Bu işlem için bu birimde veri giriş görevlisi rolü gerekir.");

    public PaymentOrderSupport Support => support;

    /// <summary>The ÖEB of the unit, tracked, if the actor enters data for that unit.</summary>
    public async Task<Outcome<PaymentOrder>> FindAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(Role.DataEntryOfficer, unitId))
        {
            return NotDataEntryOfficer;
        }

        var order = await support.FindAsync(unitId, id, ct);
        return order is null ? OrderNotFound : order;
    }

    /// <summary>"ÖEB '…' durumunda; {refusedAction}." — the ÖEB is no longer a draft.</summary>
    public static Refusal NotEditable(PaymentOrder order, string refusedAction) =>
        new(RefusalKind.Conflict, "not draft", $"ÖEB '{order.Status.TurkishName()}' durumunda; {refusedAction}.");

    /// <summary>Forgets the loaded (possibly changed) ÖEB so nothing of a refused change is saved by a later save.</summary>
    public Refusal Refuse(Refusal refusal)
    {
        Forget();
        return refusal;
    }

    public void Forget() => db.ChangeTracker.Clear();

    /// <summary>Saves; the stale refusal (with the caller's words) when someone else changed the ÖEB since the form was read.</summary>
    public async Task<Refusal?> SaveAsync(ILogger logger, string staleMessage, CancellationToken ct) =>
        await db.TrySaveChangesAsync(logger, ct) ? null : new Refusal(RefusalKind.Conflict, "stale", staleMessage);
}
