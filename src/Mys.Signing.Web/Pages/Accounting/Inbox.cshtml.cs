using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// "Gelen Ödeme Emirleri": every ÖEB sent to this accounting unit by the spending units it serves, newest sent first,
/// with filters, counts per state and paging. Only the officer and staff of this accounting unit.
/// </summary>
[RequireRole(Role.AccountingOfficer, Role.AccountingStaff)]
public sealed class InboxModel(MysDbContext db, ILogger<InboxModel> logger) : PageModel
{
    public const int PageSize = 25;

    private static readonly TimeSpan Turkey = TimeSpan.FromHours(3);

    public static IReadOnlyList<PaymentOrderStatus> States { get; } =
        [PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned];

    [FromRoute]
    public Guid UnitId { get; set; }

    [FromQuery(Name = "durum")]
    public PaymentOrderStatus? Status { get; set; }

    [FromQuery(Name = "birim")]
    public Guid? SpendingUnit { get; set; }

    [FromQuery(Name = "baslangic")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "bitis")]
    public DateOnly? To { get; set; }

    /// <summary>Document number (exact) or part of the payee's name.</summary>
    [FromQuery(Name = "ara")]
    public string? Search { get; set; }

    [FromQuery(Name = "sayfa")]
    public int PageNumber { get; set; } = 1;

    public string UnitName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<Guid, string> SpendingUnits { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<PaymentOrderStatus, int> Counts { get; private set; } = new Dictionary<PaymentOrderStatus, int>();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        UnitName = await db.AccountingUnits.Where(u => u.Id == UnitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        SpendingUnits = await db.SpendingUnits.AsNoTracking().Where(u => u.AccountingUnitId == UnitId).OrderBy(u => u.Name)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var problems = new List<string>();
        var query = db.PaymentOrders.AsNoTracking().Where(o => o.AccountingUnitId == UnitId && o.SentAt != null);
        if (SpendingUnit is { } spending)
        {
            query = query.Where(o => o.SpendingUnitId == spending);
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Turkey);
            query = query.Where(o => o.SentAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Turkey);
            query = query.Where(o => o.SentAt < end);
        }

        if (From > To)
        {
            problems.Add("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            if (text.Length > 100)
            {
                problems.Add("Arama metni en çok 100 karakter olabilir.");
            }
            else if (DocumentNumber.Parse(text) is { IsSuccess: true } parsed && text.Any(char.IsDigit))
            {
                var number = parsed.Value;
                var pattern = Like(text);
                query = query.Where(o => o.Number == number || (o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern)));
            }
            else
            {
                var pattern = Like(text);
                query = query.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern));
            }
        }

        Problems = problems;
        if (problems.Count > 0)
        {
            logger.LogInformation("Inbox filter refused in accounting unit {UnitId}: {Problems}", UnitId, problems);
            return Page();
        }

        var counts = await query.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Counts = counts.ToDictionary(c => c.Key, c => c.Count);
        if (Status is { } status)
        {
            query = query.Where(o => o.Status == status);
            Total = Counts.GetValueOrDefault(status);
        }
        else
        {
            Total = counts.Sum(c => c.Count);
        }

        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query
            .OrderByDescending(o => o.SentAt).ThenByDescending(o => o.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new Row(o.Id, o.Number, o.Version, o.DocumentDate, o.SentAt, o.Status, o.SpendingUnitId, o.Payee == null ? null : o.Payee.Name, o.GrossAmount))
            .ToListAsync(ct);
        return Page();
    }

    public string UnitNameOf(Guid spendingUnitId) => SpendingUnits.GetValueOrDefault(spendingUnitId) ?? "—";

    /// <summary>The query string of the current filters with another page number or state.</summary>
    public string Link(int page, PaymentOrderStatus? status)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["durum"] = status?.ToString(),
            ["birim"] = SpendingUnit?.ToString(),
            ["baslangic"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bitis"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ara"] = Search,
            ["sayfa"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/Units/{UnitId}/Inbox", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private static string Like(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public sealed record Row(Guid Id, DocumentNumber Number, int Version, DateOnly DocumentDate, DateTimeOffset? SentAt, PaymentOrderStatus Status,
        Guid SpendingUnitId, string? PayeeName, Money Gross);
}
