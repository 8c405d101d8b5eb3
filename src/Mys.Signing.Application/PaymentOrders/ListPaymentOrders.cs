using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>The filters of the unit's ÖEB list, already parsed by the page (a null value filters nothing).</summary>
public sealed record PaymentOrderListFilter(
    PaymentOrderStatus? Status, DateOnly? From, DateOnly? To, DocumentNumber? Number, string? Payee, Money? MinAmount, Money? MaxAmount, string? ExpenseTypeCode);

public sealed record PaymentOrderListRow(
    Guid Id, DocumentNumber Number, int Version, DateOnly DocumentDate, PaymentOrderStatus Status, string? PayeeName, Money Gross, string ExpenseTypeCode);

/// <summary>
/// One page of the list, with what its filter form needs (the unit's name, the expense types of the catalogue).
/// <paramref name="Total"/> stops at <see cref="ListPaymentOrders.CountCap"/> + 1 (<see cref="Capped"/>: "more than").
/// </summary>
public sealed record PaymentOrderListPage(string UnitName, DocumentCatalog Catalog, IReadOnlyList<PaymentOrderListRow> Rows, int Total)
{
    public bool Capped => Total > ListPaymentOrders.CountCap;
}

/// <summary>
/// A data-entry officer, realization officer or spending authority browses the unit's ÖEBs, newest first, with filters
/// and paging (offset paging over indexed columns). The count stops at <see cref="CountCap"/> + 1, so a unit with
/// 100,000 ÖEBs costs a LIMITed index scan per view, not a count of all of them (issue 21).
/// </summary>
public sealed class ListPaymentOrders(MysDbContext db, PaymentOrderSupport support)
{
    public const int PageSize = 25;

    /// <summary>Counts above this are shown as "more than" (as the accounting inbox does).</summary>
    public const int CountCap = 2000;

    /// <summary>The page of rows for <paramref name="filter"/>; with a null filter (the page refused the one given) only the form's data.</summary>
    public async Task<Outcome<PaymentOrderListPage>> RunAsync(Actor actor, Guid unitId, PaymentOrderListFilter? filter, int pageNumber, CancellationToken ct)
    {
        if (!ViewPaymentOrder.MayView(actor, unitId))
        {
            return ViewPaymentOrder.NotOfTheUnit;
        }

        var unitName = await db.SpendingUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        var catalog = await support.CatalogAsync(ct);
        if (filter is null)
        {
            return new PaymentOrderListPage(unitName, catalog, [], 0);
        }

        var query = Filtered(db.PaymentOrders.AsNoTracking().Where(o => o.SpendingUnitId == unitId), filter);
        var total = await query.Take(CountCap + 1).CountAsync(ct);
        var rows = await query
            .OrderByDescending(o => o.DocumentDate).ThenByDescending(o => o.Number).ThenByDescending(o => o.Version)
            .Skip((Math.Max(1, pageNumber) - 1) * PageSize).Take(PageSize)
            .Select(o => new PaymentOrderListRow(o.Id, o.Number, o.Version, o.DocumentDate, o.Status, o.Payee == null ? null : o.Payee.Name, o.GrossAmount, o.ExpenseTypeCode))
            .ToListAsync(ct);
        return new PaymentOrderListPage(unitName, catalog, rows, total);
    }

    private static IQueryable<PaymentOrder> Filtered(IQueryable<PaymentOrder> query, PaymentOrderListFilter filter)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (filter.From is { } from)
        {
            query = query.Where(o => o.DocumentDate >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(o => o.DocumentDate <= to);
        }

        if (filter.Number is { } number)
        {
            query = query.Where(o => o.Number == number);
        }

        if (!string.IsNullOrWhiteSpace(filter.Payee))
        {
            var pattern = "%" + filter.Payee.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern));
        }

        if (filter.MinAmount is { } min)
        {
            query = query.Where(o => o.GrossAmount >= min);
        }

        if (filter.MaxAmount is { } max)
        {
            query = query.Where(o => o.GrossAmount <= max);
        }

        if (!string.IsNullOrWhiteSpace(filter.ExpenseTypeCode))
        {
            var code = filter.ExpenseTypeCode.Trim();
            query = query.Where(o => o.ExpenseTypeCode == code);
        }

        return query;
    }
}
