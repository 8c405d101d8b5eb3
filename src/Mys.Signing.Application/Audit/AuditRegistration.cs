using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mys.Signing.Application.Audit;

/// <summary>Reading the audit trail on its page (names, Turkish event names, filters, paging).</summary>
public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.TryAddScoped<ReadAuditLog>();
        return services;
    }
}
