using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>Ready when the database answers.</summary>
public sealed class DatabaseHealthCheck(MysDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Veritabanına bağlanılamıyor.");
}
