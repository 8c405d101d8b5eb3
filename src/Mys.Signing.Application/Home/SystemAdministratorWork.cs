using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Home;

/// <summary>
/// What waits for the system administrator, who holds the role for the whole organisation (no unit): the units to
/// look after, active people who hold no role at all, and per unit the signers whose certificate is missing, expired or
/// expiring within 60 days. Counts over every unit, as the role's reach is.
/// </summary>
public sealed class SystemAdministratorWork(MysDbContext db, SignerCertificateStatusService certificates)
{
    /// <summary>The unit name shown for counts over the whole organisation.</summary>
    public const string WholeOrganisation = "Tüm kurum";

    private static readonly Role[] SigningRoles = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];

    public async Task<IReadOnlyList<WaitingWork>> RunAsync(CancellationToken ct)
    {
        var units = await db.SpendingUnits.AsNoTracking().CountAsync(ct) + await db.AccountingUnits.AsNoTracking().CountAsync(ct);
        var withoutRole = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && !db.RoleAssignments.Any(a => a.UserId == u.Id && a.RevokedAt == null))
            .CountAsync(ct);
        var work = new List<WaitingWork>
        {
            new(WorkKind.Units, Role.SystemAdministrator, Guid.Empty, WholeOrganisation, units),
            new(WorkKind.UsersWithoutAnyRole, Role.SystemAdministrator, Guid.Empty, WholeOrganisation, withoutRole),
        };
        work.AddRange(await CertificatesPerUnitAsync(ct));
        return work;
    }

    private async Task<IReadOnlyList<WaitingWork>> CertificatesPerUnitAsync(CancellationToken ct)
    {
        var signers = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.RevokedAt == null && a.UnitId != null && SigningRoles.Contains(a.Role))
            .Join(db.Users.AsNoTracking().Where(u => u.IsActive), a => a.UserId, u => u.Id, (a, u) => new { a.UnitId, UserId = u.Id })
            .Distinct().ToListAsync(ct);
        var statuses = await certificates.GetManyAsync(signers.Select(s => s.UserId).Distinct().ToList(), ct);
        var needing = signers
            .Where(s => statuses.TryGetValue(s.UserId, out var status) && (status.NeedsAttention || status.BlocksSigning))
            .GroupBy(s => s.UnitId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        if (needing.Count == 0)
        {
            return [new WaitingWork(WorkKind.CertificatesNeedingAttention, Role.SystemAdministrator, Guid.Empty, WholeOrganisation, 0)];
        }

        var ids = needing.Keys.ToList();
        var names = await db.SpendingUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        foreach (var unit in await db.AccountingUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct))
        {
            names[unit.Id] = unit.Name;
        }

        return needing
            .Select(n => new WaitingWork(WorkKind.CertificatesNeedingAttention, Role.SystemAdministrator, n.Key, names.GetValueOrDefault(n.Key, string.Empty), n.Value))
            .OrderBy(w => w.UnitName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("tr-TR"), ignoreCase: false))
            .ToList();
    }
}
