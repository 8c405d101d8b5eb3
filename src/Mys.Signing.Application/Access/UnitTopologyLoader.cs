using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Access;

/// <summary>Reads the unit topology the role-granting rules need.</summary>
public static class UnitTopologyLoader
{
    public static async Task<UnitTopology> LoadAsync(MysDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var spending = await db.SpendingUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.AccountingUnitId, ct);
        var accounting = await db.AccountingUnits.AsNoTracking().Select(u => u.Id).ToListAsync(ct);
        return new UnitTopology(spending, accounting.ToHashSet());
    }
}
