using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>The unit's signers by certificate status (expired, ≤30, ≤60 days, none seen), CSV export, and signer coverage of the viewer's units.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class DashboardModel(ViewSignerDashboard view, CurrentUser current, SignerDashboard dashboard, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    public UnitView Unit { get; private set; } = null!;

    public IReadOnlyList<SignerRow> Rows { get; private set; } = [];

    public IReadOnlyList<UnitCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var shown = await view.RunAsync(current.AsActor(), UnitId, HttpContext.RequestAborted);
        (Unit, Rows, Coverage) = (shown.Unit, shown.Rows, shown.Coverage);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await dashboard.SignersAsync(UnitId, ct);
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(SignerDashboard.Csv(rows), "text/csv; charset=utf-8", $"imzaci-sertifikalari-{day}.csv");
    }
}
