using Microsoft.EntityFrameworkCore;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>A unit as the unit pages show it.</summary>
public sealed record UnitView(Guid Id, string Name, string Code, bool IsSpendingUnit, string? AccountingUnitName);

/// <summary>The spending and accounting units by name and code (what the unit pages head their lists with).</summary>
public sealed class UnitDirectory(MysDbContext db)
{
    public async Task<List<UnitView>> AllAsync(CancellationToken ct)
    {
        var accounting = await db.AccountingUnits.AsNoTracking().OrderBy(u => u.Code).ToListAsync(ct);
        var names = accounting.ToDictionary(a => a.Id, a => a.Name);
        var spending = await db.SpendingUnits.AsNoTracking().OrderBy(u => u.InstitutionalCode).ToListAsync(ct);
        return spending.Select(s => new UnitView(s.Id, s.Name, s.InstitutionalCode, true, names.GetValueOrDefault(s.AccountingUnitId)))
            .Concat(accounting.Select(a => new UnitView(a.Id, a.Name, a.Code, false, null)))
            .ToList();
    }

    public async Task<UnitView> FindAsync(Guid unitId, CancellationToken ct) =>
        (await AllAsync(ct)).Single(u => u.Id == unitId);
}
