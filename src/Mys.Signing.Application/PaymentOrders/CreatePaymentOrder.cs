using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>"Yeni ÖEB": the data-entry officer opens a draft in their spending unit with the content of the ÖEB form.</summary>
public sealed class CreatePaymentOrder(MysDbContext db, DataEntryOrders orders, ILogger<CreatePaymentOrder> logger)
{
    /// <returns>The new draft, saved.</returns>
    public async Task<Outcome<PaymentOrder>> RunAsync(Actor actor, Guid unitId, int budgetYear, PaymentOrderContent content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (!actor.Holds(Role.DataEntryOfficer, unitId))
        {
            return DataEntryOrders.NotDataEntryOfficer;
        }

        var accountingUnitId = await db.SpendingUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => (Guid?)u.AccountingUnitId).SingleOrDefaultAsync(ct);
        if (accountingUnitId is null)
        {
            return DataEntryOrders.UnitNotFound;
        }

        var created = PaymentOrder.Create(Guid.NewGuid(), content.Number, content.DocumentDate, budgetYear, unitId, accountingUnitId.Value, content.ExpenseTypeCode,
            new Domain.PaymentOrders.Actor(actor.Id, Role.DataEntryOfficer), orders.Support.Clock.GetUtcNow());
        if (!created.IsSuccess)
        {
            logger.LogInformation("ÖEB creation refused in unit {UnitId}: {Code}", unitId, created.Error!.Code);
            return new Refusal(RefusalKind.Unprocessable, created.Error.Code, created.Error.Message);
        }

        var order = created.Value;
        db.PaymentOrders.Add(order);
        var saved = await orders.SaveContentAsync(order, content, logger, ct);
        if (saved.Succeeded)
        {
            logger.LogInformation("ÖEB {OrderId} created in unit {UnitId}", order.Id, unitId);
        }

        return saved;
    }
}
