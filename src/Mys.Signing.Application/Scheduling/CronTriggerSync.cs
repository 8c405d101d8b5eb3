using Microsoft.Extensions.Hosting;
using Mys.Signing.Domain.Common;
using Quartz;

namespace Mys.Signing.Application.Scheduling;

/// <summary>
/// Quartz adds a registered job's trigger when the database has none and otherwise keeps the stored one
/// (<c>IgnoreDuplicates</c>), so its misfire state survives a restart: a firing that fell due while every node was down
/// is still due, and runs once. Replacing the triggers at each start (Quartz's default) would silently drop it. What that
/// leaves to us is a changed cron expression: this reschedules a stored trigger whose expression or time zone is not the
/// registered one. Registered before Quartz's hosted service, so it runs before the scheduler starts.
/// </summary>
public sealed class CronTriggerSync(ISchedulerFactory schedulers, IEnumerable<JobRegistration> registrations, ILogger<CronTriggerSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in registrations)
        {
            if (await scheduler.GetTrigger(job.TriggerKey, cancellationToken) is ICronTrigger stored
                && (stored.CronExpressionString != job.Cron || stored.TimeZone.Id != TurkeyTime.Zone.Id))
            {
                logger.LogInformation("Job {Job}: cron {Old} becomes {New}", job.Name, stored.CronExpressionString, job.Cron);
                await scheduler.RescheduleJob(job.TriggerKey, Trigger(job), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The job's cron trigger in Turkey time. Missed firings (every node down, or the job still running past the
    /// misfire threshold): one run now, then the cron times again; a daily job that missed three days runs once.
    /// </summary>
    public static void Configure(ITriggerConfigurator<IJob> trigger, JobRegistration job)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(job);
        trigger.ForJob(job.JobKey)
            .WithIdentity(job.TriggerKey)
            .WithCronSchedule(job.Cron, c => c.InTimeZone(TurkeyTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
    }

    private static ITrigger Trigger(JobRegistration job) =>
        TriggerBuilder.Create()
            .ForJob(job.JobKey)
            .WithIdentity(job.TriggerKey)
            .WithCronSchedule(job.Cron, c => c.InTimeZone(TurkeyTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
}
