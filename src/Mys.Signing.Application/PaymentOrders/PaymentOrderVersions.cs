using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.PaymentOrders;

public sealed record PaymentOrderVersionRow(Guid Id, int Version, PaymentOrderStatus Status, DateTimeOffset? SentAt, DateTimeOffset? ClosedAt, string? ClosingReason);

/// <summary>
/// Every version of an ÖEB (same unit, budget year and number), oldest first, as its details page lists them; the
/// page has already checked who may see the ÖEB it shows.
/// </summary>
public sealed class PaymentOrderVersions(MysDbContext db)
{
    public async Task<IReadOnlyList<PaymentOrderVersionRow>> OfAsync(PaymentOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        return await db.PaymentOrders.AsNoTracking()
            .Where(p => p.SpendingUnitId == order.SpendingUnitId && p.BudgetYear == order.BudgetYear && p.Number == order.Number)
            .OrderBy(p => p.Version)
            .Select(p => new PaymentOrderVersionRow(p.Id, p.Version, p.Status, p.SentAt, p.ClosedAt, p.ClosingReason))
            .ToListAsync(ct);
    }
}
