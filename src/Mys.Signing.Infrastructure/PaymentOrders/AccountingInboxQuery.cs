using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;
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
/// The inbox query: a capped count per state over the (AccountingUnitId, Status, SentAt) index (all states in one
/// statement) and one ordered, limited page read by the (AccountingUnitId, SentAt), (AccountingUnitId, Status, SentAt)
/// or (AccountingUnitId, SpendingUnitId, SentAt) index; a text search that matches few ÖEBs is read once and paged here.
/// </summary>
public static class AccountingInboxQuery
{
    public const int CountCap = 2000;

    /// <summary>The states an ÖEB can be in once it has been sent.</summary>
    public static IReadOnlyList<PaymentOrderStatus> InboxStates { get; } =
        [PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned];

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
            var start = TurkeyTime.StartOfDay(from);
            query = query.Where(o => o.SentAt >= start);
        }

        if (filter.SentTo is { } to)
        {
            var end = TurkeyTime.StartOfDay(to.AddDays(1));
            query = query.Where(o => o.SentAt < end);
        }

        var pattern = string.IsNullOrWhiteSpace(filter.PayeeContains) ? null : Like(filter.PayeeContains.Trim());
        if (filter.Number is { } number)
        {
            query = pattern is null
                ? query.Where(o => o.Number == number)
                : query.Where(o => o.Number == number || (o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern, "\\")));
        }
        else if (pattern is not null)
        {
            query = query.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern, "\\"));
        }

        // A text search is usually selective but costs a trigram index scan per statement: find all its matches once
        // (up to one more than the capped counts can tell apart), count and order them here, then read one page by id.
        if (pattern is not null && await SmallMatchSetAsync(query, filter.Status, pageNumber, pageSize, ct) is { } small)
        {
            return small;
        }

        // Counts per state stop at CountCap: each is a LIMITed index-only scan, so a unit with 100,000 ÖEBs costs the
        // same as one with a few thousand; the page shows "2.000+". All states in one statement (one round trip).
        var counts = await CountsAsync(db, query, filter, ct);
        if (filter.Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        var (capped, total, page) = Paging(counts, filter.Status, pageNumber, pageSize);
        var rows = await Project(query.OrderByDescending(o => o.SentAt).ThenByDescending(o => o.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(ct);
        return new AccountingInboxPage(counts, total, capped, page, rows);
    }

    private static async Task<Dictionary<PaymentOrderStatus, int>> CountsAsync(MysDbContext db, IQueryable<PaymentOrder> query, AccountingInboxFilter filter, CancellationToken ct)
    {
        if (filter.Status is { } only)
        {
            return InboxStates.Contains(only) ? new() { [only] = await query.Where(o => o.Status == only).Take(CountCap + 1).CountAsync(ct) } : [];
        }

        var (sent, accepted, returned) = (PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned);
        var row = await db.AccountingUnits.AsNoTracking().Where(u => u.Id == filter.AccountingUnitId)
            .Select(u => new
            {
                Sent = query.Where(o => o.Status == sent).Take(CountCap + 1).Count(),
                Accepted = query.Where(o => o.Status == accepted).Take(CountCap + 1).Count(),
                Returned = query.Where(o => o.Status == returned).Take(CountCap + 1).Count(),
            })
            .FirstOrDefaultAsync(ct);
        return new() { [sent] = row?.Sent ?? 0, [accepted] = row?.Accepted ?? 0, [returned] = row?.Returned ?? 0 };
    }

    private static async Task<AccountingInboxPage?> SmallMatchSetAsync(IQueryable<PaymentOrder> query, PaymentOrderStatus? status, int pageNumber, int pageSize,
        CancellationToken ct)
    {
        var limit = (CountCap + 1) * InboxStates.Count;
        var matches = await query.Select(o => new Match(o.Id, o.Status, o.SentAt)).Take(limit + 1).ToListAsync(ct);
        if (matches.Count > limit)
        {
            return null;
        }

        var counts = new Dictionary<PaymentOrderStatus, int>();
        foreach (var state in InboxStates)
        {
            if (status is null || status == state)
            {
                counts[state] = 0;
            }
        }

        var listed = new List<Match>(matches.Count);
        foreach (var match in matches)
        {
            if (counts.TryGetValue(match.Status, out var n))
            {
                counts[match.Status] = n + 1;
            }

            if (status is null || match.Status == status)
            {
                listed.Add(match);
            }
        }

        var (capped, total, page) = Paging(counts, status, pageNumber, pageSize);
        // The database's order: newest sent first, then uuid descending (PostgreSQL compares uuids as big-endian bytes).
        listed.Sort(static (a, b) => b.SentAt != a.SentAt ? Nullable.Compare(b.SentAt, a.SentAt) : UuidOrder(b.Id, a.Id));
        var ids = listed.Skip((page - 1) * pageSize).Take(pageSize).Select(m => m.Id).ToList();
        var rows = ids.Count == 0 ? [] : await Project(query.Where(o => ids.Contains(o.Id))).ToListAsync(ct);
        rows.Sort((a, b) => ids.IndexOf(a.Id).CompareTo(ids.IndexOf(b.Id)));
        return new AccountingInboxPage(counts, total, capped, page, rows);
    }

    private static (bool Capped, int Total, int Page) Paging(Dictionary<PaymentOrderStatus, int> counts, PaymentOrderStatus? status, int pageNumber, int pageSize)
    {
        var capped = counts.Values.Any(c => c > CountCap);
        var total = status is { } only ? counts.GetValueOrDefault(only) : counts.Values.Sum();
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return (capped, total, capped ? Math.Max(1, pageNumber) : Math.Clamp(pageNumber, 1, pages));
    }

    private static IQueryable<AccountingInboxRow> Project(IQueryable<PaymentOrder> query) =>
        query.Select(o => new AccountingInboxRow(o.Id, o.Number, o.Version, o.DocumentDate, o.SentAt, o.Status, o.SpendingUnitId, o.Payee == null ? null : o.Payee.Name, o.GrossAmount));

    private static int UuidOrder(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    private sealed record Match(Guid Id, PaymentOrderStatus Status, DateTimeOffset? SentAt);

    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
