using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>The spending unit's ÖEBs, newest first, with filters and paging (25 a page, keyset-free offset paging over indexed columns).</summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class IndexModel(ListPaymentOrders list, CurrentUser current, ILogger<IndexModel> logger) : PageModel
{
    public const int PageSize = ListPaymentOrders.PageSize;

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

    public IReadOnlyList<PaymentOrderListRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public DocumentCatalog Catalog { get; private set; } = null!;

    public bool CanCreate => current.Holds(Role.DataEntryOfficer, UnitId);

    public bool CanSignAny => current.Holds(Role.RealizationOfficer, UnitId) || current.Holds(Role.SpendingAuthority, UnitId);

    public bool AwaitsMySignature(PaymentOrderListRow row) => PaymentOrderSigning.AwaitsSignatureOf(row.Status, current, UnitId);

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>More ÖEBs match than the list counts (<see cref="ListPaymentOrders.CountCap"/>): no last page is shown.</summary>
    public bool Capped => Total > ListPaymentOrders.CountCap;

    public bool HasNext => Rows.Count == PageSize && (Capped || PageNumber < PageCount);

    /// <summary>The count as shown: exact, or "2.000+" above the cap.</summary>
    public string TotalText => Capped
        ? ListPaymentOrders.CountCap.ToString("N0", CultureInfo.GetCultureInfo("tr-TR")) + "+"
        : Total.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var problems = ListFilterBounds.Check(From, To, PageNumber);
        DocumentNumber? number = null;
        if (!string.IsNullOrWhiteSpace(Number))
        {
            var parsed = DocumentNumber.Parse(Number);
            if (parsed.IsSuccess)
            {
                number = parsed.Value;
            }
            else
            {
                problems.Add(parsed.Error!.Message);
            }
        }

        var filter = new PaymentOrderListFilter(
            Status, From, To, number, Payee, ParseAmount(MinAmount, "En az tutar", problems), ParseAmount(MaxAmount, "En çok tutar", problems), ExpenseType);
        Problems = problems;
        PageNumber = problems.Count > 0 ? PageNumber : Math.Max(1, PageNumber);
        var listed = await list.RunAsync(current.AsActor(), UnitId, problems.Count > 0 ? null : filter, PageNumber, ct);
        if (listed.Value is not { } page)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }

        (UnitName, Catalog, Rows, Total) = (page.UnitName, page.Catalog, page.Rows, page.Total);
        if (problems.Count > 0)
        {
            logger.LogInformation("ÖEB list filter refused in unit {UnitId}: {Problems}", UnitId, problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

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
}
