using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>
/// The expiry status of users' registered certificates now. The signing API calls <see cref="GetAsync"/> before
/// preparing a signature and refuses when <see cref="SignerCertificateStatus.BlocksSigning"/> (renewal guidance:
/// help topic "sertifika-yenileme").
/// </summary>
public sealed class SignerCertificateStatusService(MysDbContext db, TimeProvider clock)
{
    public async Task<SignerCertificateStatus> GetAsync(Guid userId, CancellationToken ct) =>
        (await GetManyAsync([userId], ct))[userId];

    public async Task<IReadOnlyDictionary<Guid, SignerCertificateStatus>> GetManyAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var now = clock.GetUtcNow();
        var rows = await db.SignerCertificates.AsNoTracking()
            .Where(c => userIds.Contains(c.UserId))
            .Select(c => new { c.UserId, c.SerialNumber, c.NotBefore, c.NotAfter, c.Qualified })
            .ToListAsync(ct);
        var byUser = rows.ToLookup(r => r.UserId, r => new CertificateValidity(r.SerialNumber, r.NotBefore, r.NotAfter, r.Qualified));
        return userIds.Distinct().ToDictionary(id => id, id => SignerCertificateStatus.Evaluate(byUser[id], now));
    }
}
