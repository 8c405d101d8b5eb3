namespace Mys.Signing.Application.Scheduling;

/// <summary>
/// A recurring job's logic: a plain scoped service that tests call directly. Quartz.NET
/// (<see cref="SchedulingRegistration.AddMysScheduler"/>) runs it on one app instance at a time and never twice at once; a run must be idempotent,
/// because a run whose instance died is run again by another instance, and an administrator may start one by hand.
/// </summary>
public interface IScheduledJob
{
    /// <param name="now">When this firing was due (use it rather than the clock, so a test can pass its own time); a run
    /// recovered after its node died is due when the dead node's run started, not when it is recovered.</param>
    Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
