using Quartz;

namespace Mys.Signing.Application.Scheduling;

/// <summary>
/// The one Quartz job behind every <see cref="IScheduledJob"/>: finds the registration by the job's name and runs its
/// logic in a DI scope of its own. <see cref="DisallowConcurrentExecutionAttribute"/> applies per job key and, on the
/// clustered store, across nodes: a run that outlasts its interval is never joined by a second one (the next firing
/// waits, then runs).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledJobRunner(IEnumerable<JobRegistration> registrations, IServiceScopeFactory scopes, ILogger<ScheduledJobRunner> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.JobDetail.Key.Name;
        var job = registrations.FirstOrDefault(r => r.Name == name)
                  ?? throw new JobExecutionException($"No job named '{name}' is registered in this app instance.");
        var instance = context.Scheduler.SchedulerInstanceId;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var logic = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            logger.LogInformation("Job {Job} started on {Instance}{Recovering}", name, instance, context.Recovering ? " (recovering a run of a dead node)" : "");
            // When the firing was due; a run recovered after its node died is due when the dead node's run started.
            await logic.RunAsync(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, cancellationToken);
            logger.LogInformation("Job {Job} finished on {Instance}", name, instance);
        }
        catch (Exception e) when (e is not OperationCanceledException and not JobExecutionException)
        {
            // A failing job waits for its next cron time rather than retrying in a loop; Quartz's history keeps the error.
            logger.LogError(e, "Job {Job} failed on {Instance}", name, instance);
            throw new JobExecutionException(e.GetType().Name + ": " + e.Message, e);
        }
    }
}
