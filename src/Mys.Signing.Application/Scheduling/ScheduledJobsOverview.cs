using System.Text.Json;
using Mys.Signing.Infrastructure.Persistence;
using Quartz;
using Quartz.Extensibility;

namespace Mys.Signing.Application.Scheduling;

/// <summary>One job as the system administrator sees it: its schedule and what its last run did, across the cluster.</summary>
public sealed record ScheduledJobStatus(
    JobRegistration Job,
    DateTimeOffset? PreviousFireTime,
    DateTimeOffset? NextFireTime,
    TriggerState TriggerState,
    string? RunningOn,
    JobRunStatus? LastRun);

/// <summary>
/// Reads the schedule (Quartz's triggers: previous and next fire time) and the execution history (qrtz_job_status: last
/// run, outcome, error) shared by every node, and starts a job by hand. Works on an instance whose scheduler does not
/// run jobs (<c>Mys:Scheduler:Enabled=false</c>): a manual start is stored and taken by a node that does.
/// </summary>
public sealed class ScheduledJobsOverview(
    ISchedulerFactory schedulers,
    IExecutionHistoryStore history,
    IEnumerable<JobRegistration> registrations,
    MysDbContext db)
{
    private readonly List<JobRegistration> _jobs = registrations.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<ScheduledJobStatus>> ListAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery(), ct);
        var statuses = new List<ScheduledJobStatus>(_jobs.Count);
        foreach (var job in _jobs)
        {
            var trigger = await scheduler.GetTrigger(job.TriggerKey, ct);
            var state = await scheduler.GetTriggerState(job.TriggerKey, ct);
            var lastRun = await history.GetJobRunStatus(scheduler.SchedulerName, job.JobKey, ct);
            var runningOn = running.Items.FirstOrDefault(f => Equals(f.JobKey, job.JobKey))?.SchedulerInstanceId;
            statuses.Add(new ScheduledJobStatus(job, trigger?.PreviousFireTimeUtc, trigger?.NextFireTimeUtc, state, runningOn, lastRun));
        }

        return statuses;
    }

    /// <summary>Queues one run now (whichever node takes it; not beside a run in progress) and audits who asked; false for an unknown job.</summary>
    public async Task<bool> RunNowAsync(string name, CancellationToken ct)
    {
        var job = _jobs.FirstOrDefault(j => j.Name == name);
        if (job is null)
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(job.JobKey, ct);
        db.RecordEvent("ScheduledJobStartedManually", "ScheduledJob", job.Name, JsonSerializer.Serialize(new { cron = job.Cron, node = scheduler.SchedulerInstanceId }));
        await db.SaveChangesAsync(ct);
        return true;
    }
}
