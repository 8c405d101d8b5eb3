using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>The spending unit's ÖEBs, newest first, with filters and paging (25 a page, keyset-free offset paging over indexed columns).</summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class IndexModel(MysDbContext db, CurrentUser current, PaymentOrderSupport support, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = 25;

    [FromRoute]
    public Guid UnitId { get; set; }

    [FromQuery(Name = "durum")]
    public PaymentOrderStatus? Status { get; set; }

    [FromQuery(Name = "baslangic")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "bitis")]
    public DateOnly? To { get; set; }

    [FromQuery(Name = "sayi")]
    public string? Number { get; set; }

    [FromQuery(Name = "hakSahibi")]
    public string? Payee { get; set; }

    [FromQuery(Name = "enAz")]
    public string? MinAmount { get; set; }

    [FromQuery(Name = "enCok")]
    public string? MaxAmount { get; set; }

    [FromQuery(Name = "tur")]
    public string? ExpenseType { get; set; }

    [FromQuery(Name = "sayfa")]
    public int PageNumber { get; set; } = 1;

    public string UnitName { get; private set; } = string.Empty;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public DocumentCatalog Catalog { get; private set; } = null!;

    public bool CanCreate => current.Holds(Role.DataEntryOfficer, UnitId);

    public bool CanSignAny => current.Holds(Role.RealizationOfficer, UnitId) || current.Holds(Role.SpendingAuthority, UnitId);

    public bool AwaitsMySignature(Row row) => PaymentOrderSigning.AwaitsSignatureOf(row.Status, current, UnitId);

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        UnitName = await db.SpendingUnits.Where(u => u.Id == UnitId).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? string.Empty;
        Catalog = await support.CatalogAsync(ct);
        var problems = ListFilterBounds.Check(From, To, PageNumber);
        var query = db.PaymentOrders.AsNoTracking().Where(o => o.SpendingUnitId == UnitId);
        if (Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        if (From is { } from)
        {
            query = query.Where(o => o.DocumentDate >= from);
        }

        if (To is { } to)
        {
            query = query.Where(o => o.DocumentDate <= to);
        }

        if (!string.IsNullOrWhiteSpace(Number))
        {
            var parsed = DocumentNumber.Parse(Number);
            if (parsed.IsSuccess)
            {
                var number = parsed.Value;
                query = query.Where(o => o.Number == number);
            }
            else
            {
                problems.Add(parsed.Error!.Message);
            }
        }

        if (!string.IsNullOrWhiteSpace(Payee))
        {
            var pattern = "%" + Payee.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(o => o.Payee != null && EF.Functions.ILike(o.Payee.Name, pattern));
        }

        if (ParseAmount(MinAmount, "En az tutar", problems) is { } min)
        {
            query = query.Where(o => o.GrossAmount >= min);
        }

        if (ParseAmount(MaxAmount, "En çok tutar", problems) is { } max)
        {
            query = query.Where(o => o.GrossAmount <= max);
        }

        if (!string.IsNullOrWhiteSpace(ExpenseType))
        {
            var code = ExpenseType.Trim();
            query = query.Where(o => o.ExpenseTypeCode == code);
        }

        Problems = problems;
        if (problems.Count > 0)
        {
            logger.LogInformation("ÖEB list filter refused in unit {UnitId}: {Problems}", UnitId, problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(ct);
        Rows = await query
            .OrderByDescending(o => o.DocumentDate).ThenByDescending(o => o.Number).ThenByDescending(o => o.Version)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new Row(o.Id, o.Number, o.Version, o.DocumentDate, o.Status, o.Payee == null ? null : o.Payee.Name, o.GrossAmount, o.ExpenseTypeCode))
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>The query string of the current filters with another page number.</summary>
    public string PageLink(int page)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["durum"] = Status?.ToString(),
            ["baslangic"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["bitis"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sayi"] = Number,
            ["hakSahibi"] = Payee,
            ["enAz"] = MinAmount,
            ["enCok"] = MaxAmount,
            ["tur"] = ExpenseType,
            ["sayfa"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/Units/{UnitId}/PaymentOrders", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private static Money? ParseAmount(string? text, string label, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = Money.Parse(text);
        if (parsed.IsSuccess)
        {
            return parsed.Value;
        }

        problems.Add($"{label}: {parsed.Error!.Message}");
        return null;
    }

    public sealed record Row(Guid Id, DocumentNumber Number, int Version, DateOnly DocumentDate, PaymentOrderStatus Status, string? PayeeName, Money Gross, string ExpenseTypeCode);
}
