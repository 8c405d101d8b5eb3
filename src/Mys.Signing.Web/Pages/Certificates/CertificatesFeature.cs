using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Web.Infrastructure.Scheduling;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>Registrations of the signers' certificates feature (register, readiness check, dashboard, daily reminders).</summary>
public static class CertificatesFeature
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(CertificateTrust.Create);
        services.AddScoped<ReadinessCheck>();
        services.AddScoped<SignerDashboard>();
        services.AddMysJob<CertificateReminderJob>(CertificateReminderJob.Name, CertificateReminderJob.Cron);
    }
}
