using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Maintenance;

/// <summary>The daily purge of what interrupted uploads left in the object store (<see cref="PurgeAbandonedUploads"/>).</summary>
public sealed class AbandonedUploadsPurgeJob(PurgeAbandonedUploads purge) : IScheduledJob
{
    public const string Name = "purge-abandoned-uploads";

    /// <summary>Every day at 03:47, a quiet hour off the other jobs' minutes.</summary>
    public const string Cron = "0 47 3 * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => purge.RunAsync(now, cancellationToken);
}
