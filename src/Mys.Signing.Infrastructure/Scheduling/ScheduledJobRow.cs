namespace Mys.Signing.Infrastructure.Scheduling;

/// <summary>
/// A recurring job's row in the shared schedule: when it is next due and which app instance holds its lease. Written
/// with plain SQL by the scheduler (leases are bookkeeping, not audited business state); mapped here so the schema test covers it.
/// </summary>
public sealed class ScheduledJobRow
{
    public required string Name { get; init; }

    public required string Cron { get; init; }

    public DateTimeOffset NextRunAt { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public DateTimeOffset? LastStartedAt { get; init; }

    public DateTimeOffset? LastFinishedAt { get; init; }

    public string? LastError { get; init; }

    public long RunCount { get; init; }
}
