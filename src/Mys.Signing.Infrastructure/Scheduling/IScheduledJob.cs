namespace Mys.Signing.Infrastructure.Scheduling;

/// <summary>
/// A recurring job's logic: a plain scoped service that tests call directly. The scheduler (Mys.Signing.Web,
/// Infrastructure/Scheduling) runs it on one app instance at a time; a run must be idempotent, because a run whose
/// instance died is run again once its lease expires.
/// </summary>
public interface IScheduledJob
{
    Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
