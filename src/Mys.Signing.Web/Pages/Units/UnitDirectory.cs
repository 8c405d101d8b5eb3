using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>A unit as the unit pages show it.</summary>
public sealed record UnitView(Guid Id, string Name, string Code, bool IsSpendingUnit, string? AccountingUnitName);

internal static class UnitDirectory
{
    public static async Task<List<UnitView>> AllAsync(MysDbContext db, CancellationToken ct)
    {
        var accounting = await db.AccountingUnits.AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
        var names = accounting.ToDictionary(a => a.Id, a => a.Name);
        var spending = await db.SpendingUnits.AsNoTracking().OrderBy(u => u.InstitutionalCode).ToListAsync(ct);
        return spending.Select(s => new UnitView(s.Id, s.Name, s.InstitutionalCode, true, names.GetValueOrDefault(s.AccountingUnitId)))
            .Concat(accounting.Select(a => new UnitView(a.Id, a.Name, a.Code, false, null)))
            .ToList();
    }

    public static async Task<UnitView> FindAsync(MysDbContext db, Guid unitId, CancellationToken ct) =>
        (await AllAsync(db, ct)).Single(u => u.Id == unitId);
}
