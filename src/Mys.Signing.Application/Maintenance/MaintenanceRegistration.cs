using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Maintenance;

public static class MaintenanceRegistration
{
    /// <summary>The purge of expired card-flow rows and its hourly job (before <see cref="SchedulingRegistration.AddMysScheduler"/>).</summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddScoped<PurgeExpiredRows>();
        return services.AddMysJob<ExpiredRowsPurgeJob>(ExpiredRowsPurgeJob.Name, ExpiredRowsPurgeJob.Cron);
    }
}
