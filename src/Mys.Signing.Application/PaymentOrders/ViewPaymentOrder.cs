using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>An ÖEB as its details page shows it: the live checklist, the rule violations and the row version the forms post back.</summary>
public sealed record PaymentOrderView(
    PaymentOrder Order, DocumentCatalog Catalog, IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<RuleViolation> Violations, uint FormVersion);

/// <summary>A data-entry officer, realization officer or spending authority of the unit looks at one of its ÖEBs.</summary>
public sealed class ViewPaymentOrder(MysDbContext db, PaymentOrderSupport support)
{
    public static readonly Refusal NotOfTheUnit = new(RefusalKind.Forbidden, "forbidden", "Bu ÖEB'yi görme yetkiniz yok.");

    /// <summary>The data-entry officers, realization officers and spending authorities of a unit see its ÖEBs.</summary>
    public static bool MayView(Actor actor, Guid unitId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Holds(Role.DataEntryOfficer, unitId) || actor.Holds(Role.RealizationOfficer, unitId) || actor.Holds(Role.SpendingAuthority, unitId);
    }

    public async Task<Outcome<PaymentOrderView>> RunAsync(Actor actor, Guid unitId, Guid id, CancellationToken ct)
    {
        if (!MayView(actor, unitId))
        {
            return NotOfTheUnit;
        }

        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.SpendingUnitId == unitId, ct);
        if (order is null)
        {
            return DataEntryOrders.OrderNotFound;
        }

        var context = await support.RuleContextAsync(order, ct);
        var formVersion = await db.PaymentOrders.Where(o => o.Id == id).Select(o => EF.Property<uint>(o, RowVersion.PaymentOrderProperty)).SingleAsync(ct);
        var violations = PaymentOrderRuleSet.Default.Evaluate(order, context).Violations;
        return new PaymentOrderView(order, await support.CatalogAsync(ct), PaymentOrderRuleSet.Checklist(order, context, violations), violations, formVersion);
    }
}
