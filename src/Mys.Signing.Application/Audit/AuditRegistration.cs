using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Audit;

/// <summary>Reading the audit trail on its page (names, Turkish event names, filters, paging); the anchor job of its chains.</summary>
public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.TryAddScoped<ReadAuditLog>();
        services.TryAddScoped<AnchorAuditChain>();
        return services.AddMysJob<AuditAnchorJob>(AuditAnchorJob.Name, AuditAnchorJob.Cron);
    }
}
