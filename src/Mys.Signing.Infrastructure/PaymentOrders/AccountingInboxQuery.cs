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
/// <remarks>When <paramref name="Capped"/>, a count above <see cref="AccountingInboxQuery.CountCap"/> is shown as "more than" and paging goes on while pages are full.</remarks>
public sealed record AccountingInboxPage(IReadOnlyDictionary<PaymentOrderStatus, int> Counts, int Total, bool Capped, int PageNumber, IReadOnlyList<AccountingInboxRow> Rows);

/// <summary>
/// The inbox query: a capped count per state over the (AccountingUnitId, Status, SentAt) index and one ordered,
/// limited page read by the (AccountingUnitId, SentAt) or (AccountingUnitId, Status, SentAt) index.
/// </summary>
public static class AccountingInboxQuery
{
    public const int CountCap = 2000;

    /// <summary>The states an ÖEB can be in once it has been sent.</summary>
    public static IReadOnlyList<PaymentOrderStatus> InboxStates { get; } =
        [PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned];

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

        // Counts per state stop at CountCap: each is a LIMITed index-only scan, so a unit with 100,000 ÖEBs costs the
        // same as one with a few thousand; the page shows "2.000+".
        var counts = new Dictionary<PaymentOrderStatus, int>();
        foreach (var state in InboxStates)
        {
            if (filter.Status is null || filter.Status == state)
            {
                counts[state] = await query.Where(o => o.Status == state).Take(CountCap + 1).CountAsync(ct);
            }
        }

        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        var capped = counts.Values.Any(c => c > CountCap);
        var total = filter.Status is { } only ? counts.GetValueOrDefault(only) : counts.Values.Sum();
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        pageNumber = capped ? Math.Max(1, pageNumber) : Math.Clamp(pageNumber, 1, pages);
        var rows = await query
            .OrderByDescending(o => o.SentAt).ThenByDescending(o => o.Id)
            .Skip((pageNumber - 1) * pageSize).Take(pageSize)
            .Select(o => new AccountingInboxRow(o.Id, o.Number, o.Version, o.DocumentDate, o.SentAt, o.Status, o.SpendingUnitId, o.Payee == null ? null : o.Payee.Name, o.GrossAmount))
            .ToListAsync(ct);
        return new AccountingInboxPage(counts, total, capped, pageNumber, rows);
    }

    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
