using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Certificates;

/// <summary>The daily certificate-expiry reminders (<see cref="SendCertificateReminders"/>).</summary>
public sealed class CertificateReminderJob(SendCertificateReminders reminders) : IScheduledJob
{
    public const string Name = "certificate-reminders";

    /// <summary>Every day at 07:00 Turkey time (Quartz cron syntax: seconds first).</summary>
    public const string Cron = "0 0 7 * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => reminders.RunAsync(now, cancellationToken);
}
