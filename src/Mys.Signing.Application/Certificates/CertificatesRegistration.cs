using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Certificates;

public static class CertificatesRegistration
{
    /// <summary>The signers' certificate reminders and their daily job (before <see cref="SchedulingRegistration.AddMysScheduler"/>).</summary>
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddScoped<SendCertificateReminders>();
        return services.AddMysJob<CertificateReminderJob>(CertificateReminderJob.Name, CertificateReminderJob.Cron);
    }
}
