using Mys.Signing.Application.Common;
using Mys.Signing.Domain.PaymentOrders;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>A draft as the ÖEB form shows it, with the row version the form posts back.</summary>
public sealed record EditedOrder(PaymentOrder Order, uint FormVersion);

/// <summary>The data-entry officer changes a draft ÖEB with the content of the ÖEB form; a form read before someone else's change is refused.</summary>
public sealed class EditPaymentOrder(DataEntryOrders orders, ILogger<EditPaymentOrder> logger)
{
    /// <summary>The ÖEB for the form (also when it is no longer a draft: the page then shows its details instead).</summary>
    public async Task<Outcome<EditedOrder>> OpenAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        return found.Value is { } order ? new EditedOrder(order, orders.Support.RowVersionOf(order)) : found.Refusal!;
    }

    /// <param name="formVersion">The ÖEB's row version when the form was read.</param>
    public async Task<Outcome<PaymentOrder>> RunAsync(Actor actor, Guid unitId, Guid id, uint formVersion, PaymentOrderContent content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        if (!order.IsEditable)
        {
            logger.LogInformation("Edit of ÖEB {OrderId} refused: state {Status}", order.Id, order.Status);
            return orders.Refuse(DataEntryOrders.NotEditable(order, "artık değiştirilemez"));
        }

        orders.Support.ExpectRowVersion(order, formVersion);
        var saved = await orders.SaveContentAsync(order, content, logger, ct);
        if (saved.Succeeded)
        {
            logger.LogInformation("ÖEB {OrderId} updated in unit {UnitId}", order.Id, unitId);
        }

        return saved;
    }
}
