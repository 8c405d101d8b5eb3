using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Pages.Units;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>The unit's signers by certificate status (expired, ≤30, ≤60 days, none seen), CSV export, and signer coverage of the viewer's units.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer)]
public sealed class DashboardModel(MysDbContext db, CurrentUser current, SignerDashboard dashboard, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    public UnitView Unit { get; private set; } = null!;

    public IReadOnlyList<SignerRow> Rows { get; private set; } = [];

    public IReadOnlyList<UnitCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Unit = await UnitDirectory.FindAsync(db, UnitId, ct);
        Rows = await dashboard.SignersAsync(UnitId, ct);
        var managed = current.HoldsAnywhere(Role.SystemAdministrator)
            ? await db.SpendingUnits.Select(u => u.Id).Concat(db.AccountingUnits.Select(u => u.Id)).ToListAsync(ct)
            : current.UnitsWhere(Role.IdentityAdministrator).Concat(current.UnitsWhere(Role.AccountingOfficer)).Append(UnitId).Distinct().ToList();
        Coverage = await dashboard.CoverageAsync(managed, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rows = await dashboard.SignersAsync(UnitId, ct);
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return File(SignerDashboard.Csv(rows), "text/csv; charset=utf-8", $"imzaci-sertifikalari-{day}.csv");
    }
}
