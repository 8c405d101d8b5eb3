using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Certificates;

/// <summary>The unit's signers by certificate status and the signer coverage of the units the viewer manages.</summary>
public sealed record SignerDashboardView(UnitView Unit, IReadOnlyList<SignerRow> Rows, IReadOnlyList<UnitCoverage> Coverage);

/// <summary>
/// A system administrator, identity administrator or accounting officer looks at a unit's signers' certificates, and at
/// which of the units they manage lack a signer with a usable certificate (every unit for the system administrator).
/// </summary>
public sealed class ViewSignerDashboard(MysDbContext db, UnitDirectory units, SignerDashboard dashboard)
{
    public async Task<SignerDashboardView> RunAsync(Actor actor, Guid unitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unit = await units.FindAsync(unitId, ct);
        var rows = await dashboard.SignersAsync(unitId, ct);
        var managed = actor.HoldsAnywhere(Role.SystemAdministrator)
            ? await db.SpendingUnits.Select(u => u.Id).Concat(db.AccountingUnits.Select(u => u.Id)).ToListAsync(ct)
            : actor.UnitsWhere(Role.IdentityAdministrator).Concat(actor.UnitsWhere(Role.AccountingOfficer)).Append(unitId).Distinct().ToList();
        return new SignerDashboardView(unit, rows, await dashboard.CoverageAsync(managed, ct));
    }
}
