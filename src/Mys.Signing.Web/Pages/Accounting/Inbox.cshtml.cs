using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// "Gelen Ödeme Emirleri": every ÖEB sent to this accounting unit by the spending units it serves, newest sent first,
/// with filters, counts per state and paging. Only the officer and staff of this accounting unit.
/// </summary>
[RequireRole(Role.AccountingOfficer, Role.AccountingStaff)]
public sealed class InboxModel(BrowseAccountingInbox inbox, CurrentUser current, ILogger<InboxModel> logger) : PageModel
{
    public const int PageSize = 25;

    public static IReadOnlyList<PaymentOrderStatus> States => AccountingInboxQuery.InboxStates;

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

    public IReadOnlyList<AccountingInboxRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Capped { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool HasNext => Rows.Count == PageSize && (Capped || PageNumber < PageCount);

    /// <summary>A count as shown: exact, or "2.000+" above the cap.</summary>
    public static string CountText(int count) => count > AccountingInboxQuery.CountCap
        ? AccountingInboxQuery.CountCap.ToString("N0", CultureInfo.GetCultureInfo("tr-TR")) + "+"
        : count.ToString("N0", CultureInfo.GetCultureInfo("tr-TR"));

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var problems = ListFilterBounds.Check(From, To, PageNumber);
        if (From > To)
        {
            problems.Add("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        }

        DocumentNumber? number = null;
        string? payee = null;
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim();
            if (text.Length > 100)
            {
                problems.Add("Arama metni en çok 100 karakter olabilir.");
            }
            else
            {
                // A number-looking text may be a document number or part of a name; anything else is a name.
                number = text.Any(char.IsDigit) && DocumentNumber.Parse(text) is { IsSuccess: true } parsed ? parsed.Value : null;
                payee = text;
            }
        }

        Problems = problems;
        var filter = problems.Count > 0 ? null : new AccountingInboxFilter(UnitId, Status, SpendingUnit, From, To, number, payee);
        var shown = await inbox.RunAsync(current.AsActor(), UnitId, filter, PageNumber, PageSize, ct);
        if (shown.Value is not { } view)
        {
            return new StatusCodeResult(StatusCodes.Status403Forbidden);
        }

        (UnitName, SpendingUnits) = (view.UnitName, view.SpendingUnits);
        if (view.Page is not { } page)
        {
            logger.LogInformation("Inbox filter refused in accounting unit {UnitId}: {Problems}", UnitId, problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Counts = page.Counts;
        Total = page.Total;
        Capped = page.Capped;
        PageNumber = page.PageNumber;
        Rows = page.Rows;
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
}
