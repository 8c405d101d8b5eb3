using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.PaymentOrders;

/// <summary>Filters of the accounting unit's inbox. Dates are of sending, in Turkey's time (UTC+3).</summary>
public sealed record AccountingInboxFilter(
    Guid AccountingUnitId,
    PaymentOrderStatus? Status = null,
    Guid? SpendingUnitId = null,
    DateOnly? SentFrom = null,
    DateOnly? SentTo = null,
    DocumentNumber? Number = null,
    string? PayeeContains = null);

/// <summary>One line of the inbox.</summary>
public sealed record AccountingInboxRow(Guid Id, DocumentNumber Number, int Version, DateOnly DocumentDate, DateTimeOffset? SentAt, PaymentOrderStatus Status,
    Guid SpendingUnitId, string? PayeeName, Money Gross);

/// <summary>A page of the inbox with the counts per state (under the same filters, before the state filter).</summary>
public sealed record AccountingInboxPage(IReadOnlyDictionary<PaymentOrderStatus, int> Counts, int Total, int PageNumber, IReadOnlyList<AccountingInboxRow> Rows);

/// <summary>
/// The inbox query: two round trips, one GROUP BY over (AccountingUnitId, Status, SentAt) for the counts and one
/// ordered, limited page read by the (AccountingUnitId, SentAt) or (AccountingUnitId, Status, SentAt) index.
/// </summary>
public static class AccountingInboxQuery
{
    private static readonly TimeSpan Turkey = TimeSpan.FromHours(3);

    public static async Task<AccountingInboxPage> RunAsync(MysDbContext db, AccountingInboxFilter filter, int pageNumber, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.PaymentOrders.AsNoTracking().Where(o => o.AccountingUnitId == filter.AccountingUnitId && o.SentAt != null);
        if (filter.SpendingUnitId is { } spending)
        {
            query = query.Where(o => o.SpendingUnitId == spending);
        }

        if (filter.SentFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Turkey).ToUniversalTime();
            query = query.Where(o => o.SentAt >= start);
        }

        if (filter.SentTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Turkey).ToUniversalTime();
            query = query.Where(o => o.SentAt < end);
        }

        var pattern = string.IsNullOrWhiteSpace(filter.PayeeContains) ? null : Like(filter.PayeeContains.Trim());
        if (filter.Number is { } number)
        {
            query = pattern is null
                ? query.Where(o => o.Number == number)
                : query.Where(o => o.Number == number || (o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern)));
        }
        else if (pattern is not null)
        {
            query = query.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern));
        }

        var counts = (await query.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => c.Count);
        int total;
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
            total = counts.GetValueOrDefault(status);
        }
        else
        {
            total = counts.Values.Sum();
        }

        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pages);
        var rows = await query
            .OrderByDescending(o => o.SentAt).ThenByDescending(o => o.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(o => new AccountingInboxRow(o.Id, o.Number, o.Version, o.DocumentDate, o.SentAt, o.Status, o.SpendingUnitId, o.Payee == null ? null : o.Payee.Name, o.GrossAmount))
            .ToListAsync(ct);
        return new AccountingInboxPage(counts, total, pageNumber, rows);
    }

    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
