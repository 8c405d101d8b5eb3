using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Archive;

/// <summary>
/// The daily archive run (<see cref="ArchiveTimeStamps"/>) on the shared PostgreSQL scheduler (docs/scheduling.md):
/// one instance runs it per due time; across instances the use case's row locks (SKIP LOCKED) keep documents from being
/// stamped twice anyway.
/// </summary>
public sealed class ArchiveTimeStampJob(ArchiveTimeStamps archive) : IScheduledJob
{
    public const string Name = "archive-time-stamps";

    /// <summary>Every day at 02:30 Turkey time.</summary>
    public const string Cron = "0 30 2 * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => archive.RunAsync(now, cancellationToken);
}
