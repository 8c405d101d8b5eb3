using Mys.Signing.Application.Scheduling;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Maintenance;

public static class MaintenanceRegistration
{
    /// <summary>
    /// The purge of expired card-flow rows and its hourly job, and the purge of abandoned object-store uploads and its
    /// daily job (before <see cref="SchedulingRegistration.AddMysScheduler"/>).
    /// </summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddScoped<PurgeExpiredRows>();
        // The object store's purge exists only with the S3 backend (AddAttachmentStore); without it the use case has nothing to do.
        services.AddScoped(sp => new PurgeAbandonedUploads(
            sp.GetService<AbandonedUploadPurge>(), sp.GetRequiredService<MysDbContext>(), sp.GetRequiredService<ILogger<PurgeAbandonedUploads>>()));
        return services
            .AddMysJob<ExpiredRowsPurgeJob>(ExpiredRowsPurgeJob.Name, ExpiredRowsPurgeJob.Cron)
            .AddMysJob<AbandonedUploadsPurgeJob>(AbandonedUploadsPurgeJob.Name, AbandonedUploadsPurgeJob.Cron);
    }
}
