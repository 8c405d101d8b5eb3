using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Certificates;

public static class CertificatesRegistration
{
    /// <summary>
    /// The signers' certificates: the readiness check (against the signing API's trust, so after <c>AddMysSigning</c>),
    /// the signer dashboard, and the expiry reminders with their daily job (before <see cref="SchedulingRegistration.AddMysScheduler"/>).
    /// </summary>
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddSingleton(CertificateTrust.Create);
        services.AddScoped<ReadinessCheck>();
        services.AddScoped<SignerDashboard>();
        services.AddScoped<ViewSignerDashboard>();
        services.AddScoped<ViewOwnCertificates>();
        services.AddScoped<MarkNotificationRead>();
        services.AddScoped<SendCertificateReminders>();
        return services.AddMysJob<CertificateReminderJob>(CertificateReminderJob.Name, CertificateReminderJob.Cron);
    }
}
