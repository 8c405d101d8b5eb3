using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;
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

    /// <summary>No spending unit of that id (the page answers 404).</summary>
    public static readonly Refusal UnitNotFound = new(RefusalKind.NotFound, "unit not found", "Harcama birimi bulunamadı.");

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

    /// <summary>
    /// Writes the ÖEB form's content into the draft and saves it: the content's own refusal, the number already used in
    /// the unit and year, or the stale form (<see cref="PaymentOrderContent.StaleMessage"/>) leave nothing saved.
    /// </summary>
    public async Task<Outcome<PaymentOrder>> SaveContentAsync(PaymentOrder order, PaymentOrderContent content, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(content);
        var applied = content.ApplyTo(order);
        if (!applied.IsSuccess)
        {
            logger.LogInformation("ÖEB form refused in unit {UnitId}: {Code}", order.SpendingUnitId, applied.Error!.Code);
            return Refuse(new Refusal(RefusalKind.Unprocessable, applied.Error.Code, applied.Error.Message));
        }

        try
        {
            return await SaveAsync(logger, PaymentOrderContent.StaleMessage, ct) is { } stale ? stale : order;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            logger.LogInformation("ÖEB number {Number} already used in unit {UnitId}, year {Year}", content.Number.Value, order.SpendingUnitId, order.BudgetYear);
            return Refuse(PaymentOrderContent.DuplicateNumber);
        }
    }

    /// <summary>Saves; the stale refusal (with the caller's words) when someone else changed the ÖEB since the form was read.</summary>
    public async Task<Refusal?> SaveAsync(ILogger logger, string staleMessage, CancellationToken ct) =>
        await db.TrySaveChangesAsync(logger, ct) ? null : new Refusal(RefusalKind.Conflict, "stale", staleMessage);
}
