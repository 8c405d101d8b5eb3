using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Audit;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Audit;

/// <summary>
/// The audit trail as a table a person reads: names, Turkish event names, filters (dates, event, person, ÖEB number)
/// and a page control. Identity administrators see what was done in their units (<see cref="ReadAuditLog"/>).
/// </summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(ReadAuditLog auditLog, CurrentUser current, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "User")]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "Event")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "Oeb")]
    public string? OrderNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "From")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "To")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditLogPage? Log { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var problems = ListFilterBounds.Check(From, To, PageNumber);
        if (From > To)
        {
            problems.Add("Başlangıç tarihi bitiş tarihinden sonra olamaz.");
        }

        if ((Person?.Length ?? 0) > 100 || (OrderNumber?.Length ?? 0) > 100 || (Action?.Length ?? 0) > 100)
        {
            problems.Add("Arama metni en çok 100 karakter olabilir.");
        }

        Problems = problems;
        if (problems.Count > 0)
        {
            logger.LogInformation("Audit filter refused: {Problems}", problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await auditLog.RunAsync(current.AsActor(), new AuditLogFilter(From, To, Action, Person, OrderNumber, PageNumber), HttpContext.RequestAborted);
        if (outcome.Refusal is not null)
        {
            return Forbid();
        }

        Log = outcome.Value;
        PageNumber = Log!.PageNumber;
        return Page();
    }

    /// <summary>The current filters with another page number.</summary>
    public string PageLink(int page)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["User"] = Person,
            ["Event"] = Action,
            ["Oeb"] = OrderNumber,
            ["From"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Audit", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The page numbers the control offers: the first, the last and two either side of the current one.</summary>
    public IReadOnlyList<int> PageNumbers()
    {
        var count = Log?.PageCount ?? 1;
        return Enumerable.Range(1, count).Where(p => p == 1 || p == count || Math.Abs(p - PageNumber) <= 2).ToList();
    }

    public static string Number(int value) => value.ToString("N0", CultureInfo.GetCultureInfo("tr-TR"));
}
