using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Certificates;

/// <summary>One signer of a unit and their certificate status.</summary>
public sealed record SignerRow(Guid UserId, string FullName, string Tckn, Role Role, SignerCertificateStatus Status)
{
    public string Category => CategoryOf(Status.Level);

    public static string CategoryOf(CertificateExpiryLevel level) => level switch
    {
        CertificateExpiryLevel.Expired => "Süresi dolmuş",
        CertificateExpiryLevel.Urgent => "30 gün içinde doluyor",
        CertificateExpiryLevel.ExpiringSoon => "60 gün içinde doluyor",
        CertificateExpiryLevel.NoCertificate => "Sertifika görülmedi",
        _ => "Geçerli",
    };
}

/// <summary>A unit's coverage: from when each signing role has no holder with a valid certificate.</summary>
public sealed record UnitCoverage(Guid UnitId, string UnitName, IReadOnlyList<CoverageGap> Gaps);

/// <summary>The identity administrator's view of a unit's signers and the CSV export of it.</summary>
public sealed class SignerDashboard(MysDbContext db, SignerCertificateStatusService statuses, TimeProvider clock)
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public async Task<IReadOnlyList<SignerRow>> SignersAsync(Guid unitId, CancellationToken ct)
    {
        Role[] signing = [Role.RealizationOfficer, Role.SpendingAuthority, Role.AccountingOfficer];
        var holders = await (from a in db.RoleAssignments.AsNoTracking()
                             join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                             where a.UnitId == unitId && a.RevokedAt == null && u.IsActive && signing.Contains(a.Role)
                             orderby u.FullName
                             select new { u.Id, u.FullName, u.Tckn, a.Role }).ToListAsync(ct);
        var byUser = await statuses.GetManyAsync(holders.Select(h => h.Id).ToList(), ct);
        return holders.Select(h => new SignerRow(h.Id, h.FullName, h.Tckn, h.Role, byUser[h.Id])).ToList();
    }

    /// <summary>Which of the given units will have no valid signer for a role, and from which date.</summary>
    public async Task<IReadOnlyList<UnitCoverage>> CoverageAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var spending = await db.SpendingUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var accounting = await db.AccountingUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var result = new List<UnitCoverage>();
        foreach (var (id, name, isSpending) in spending.Select(u => (u.Id, u.Name, true)).Concat(accounting.Select(u => (u.Id, u.Name, false))).OrderBy(u => u.Item2, StringComparer.Create(Turkish, false)))
        {
            var rows = await SignersAsync(id, ct);
            var holders = rows.Select(r => new SignerHolder(r.UserId, r.Role, r.Status.BlocksSigning ? null : r.Status.Newest?.NotAfter));
            result.Add(new UnitCoverage(id, name, SignerCoverage.Gaps(SignerCoverage.RequiredRoles(isSpending), holders, now)));
        }

        return result;
    }

    /// <summary>CSV for Excel in Turkish settings: UTF-8 with BOM, ';' separated, dd.MM.yyyy dates.</summary>
    public static byte[] Csv(IEnumerable<SignerRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.Append("Ad Soyad;T.C. Kimlik No;Rol;Durum;Sertifika Seri No;Bitiş Tarihi;Kalan Gün\r\n");
        foreach (var r in rows)
        {
            string[] cells =
            [
                r.FullName, r.Tckn, r.Role.TurkishName(), r.Category, r.Status.Newest?.SerialNumber ?? string.Empty,
                r.Status.Newest is { } n ? TurkeyTime.DateOf(n.NotAfter).ToString("dd.MM.yyyy", Turkish) : string.Empty,
                r.Status.DaysLeft?.ToString(Turkish) ?? string.Empty,
            ];
            csv.Append(string.Join(';', cells.Select(c => CsvCell.Of(c)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
