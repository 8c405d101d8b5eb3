using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Maintenance;

/// <summary>The daily purge of stored contents retention left without a reference (<see cref="PurgeUnreferencedContents"/>).</summary>
public sealed class UnreferencedContentsPurgeJob(PurgeUnreferencedContents purge) : IScheduledJob
{
    public const string Name = "purge-unreferenced-contents";

    /// <summary>Every day at 03:47, off the hours other jobs start.</summary>
    public const string Cron = "0 47 3 * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => purge.RunAsync(now, cancellationToken);
}
