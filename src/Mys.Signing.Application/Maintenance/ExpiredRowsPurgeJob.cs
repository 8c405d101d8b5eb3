using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Maintenance;

/// <summary>The hourly purge of the card flows' short-lived rows (<see cref="PurgeExpiredRows"/>).</summary>
public sealed class ExpiredRowsPurgeJob(PurgeExpiredRows purge) : IScheduledJob
{
    public const string Name = "purge-expired-card-rows";

    /// <summary>Every hour at minute 17 (off the full hour, when other jobs start).</summary>
    public const string Cron = "0 17 * * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => purge.RunAsync(now, cancellationToken);
}
