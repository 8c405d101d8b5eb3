using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Scheduling;
using Npgsql;
using Quartz;

namespace Mys.Signing.Web.Infrastructure.Scheduling;

/// <summary>
/// Runs due jobs from the shared <c>ScheduledJobs</c> table. Any number of app instances may poll: an instance claims
/// a due job with <c>SELECT … FOR UPDATE SKIP LOCKED</c> and a lease (owner + expiry) in one short transaction, so no
/// two instances run the same due time; a lease whose instance died expires and the job is run again. Nothing lives in
/// process memory but the registrations. (Quartz's own persistent store needs packages the registry here lacks; only
/// Quartz's cron parser is used.)
/// </summary>
public sealed class JobScheduler(
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    IEnumerable<JobRegistration> registrations,
    SchedulerOptions options,
    TimeProvider clock,
    ILogger<JobScheduler> logger)
{
    private readonly IReadOnlyList<JobRegistration> _jobs = registrations.ToList();

    public string InstanceId => options.InstanceId;

    /// <summary>Adds missing jobs to the table (first due time: the next cron time after <paramref name="now"/>); a changed cron is rescheduled.</summary>
    public async Task EnsureRegisteredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var job in _jobs)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO "ScheduledJobs" ("Name", "Cron", "NextRunAt", "RunCount") VALUES (@name, @cron, @next, 0)
                ON CONFLICT ("Name") DO UPDATE SET "Cron" = EXCLUDED."Cron", "NextRunAt" = EXCLUDED."NextRunAt"
                WHERE "ScheduledJobs"."Cron" <> EXCLUDED."Cron"
                """, connection);
            command.Parameters.AddWithValue("name", job.Name);
            command.Parameters.AddWithValue("cron", job.Cron);
            command.Parameters.AddWithValue("next", NextAfter(job.Cron, now));
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Runs every job due at <paramref name="now"/> that no other instance holds; returns the names this instance ran.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var ran = new List<string>();
        while (!ct.IsCancellationRequested && await ClaimAsync(now, ran, ct) is { } job)
        {
            ran.Add(job.Name);
            string? error = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var logic = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
                logger.LogInformation("Job {Job} started on {Instance}", job.Name, InstanceId);
                await logic.RunAsync(now, ct);
                logger.LogInformation("Job {Job} finished on {Instance}", job.Name, InstanceId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failing job waits for its next cron time rather than retrying in a loop; the error stays on its row.
                logger.LogError(e, "Job {Job} failed on {Instance}", job.Name, InstanceId);
                error = e.GetType().Name + ": " + e.Message;
            }

            await FinishAsync(job, now, error, ct);
        }

        return ran;
    }

    private async Task<JobRegistration?> ClaimAsync(DateTimeOffset now, List<string> alreadyRan, CancellationToken ct)
    {
        var names = _jobs.Select(j => j.Name).Except(alreadyRan, StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var select = new NpgsqlCommand("""
            SELECT "Name" FROM "ScheduledJobs"
            WHERE "Name" = ANY(@names) AND "NextRunAt" <= @now AND ("LeaseUntil" IS NULL OR "LeaseUntil" < @now)
            ORDER BY "NextRunAt" LIMIT 1 FOR UPDATE SKIP LOCKED
            """, connection, tx);
        select.Parameters.AddWithValue("names", names);
        select.Parameters.AddWithValue("now", now.ToUniversalTime());
        if (await select.ExecuteScalarAsync(ct) is not string name)
        {
            return null;
        }

        await using var lease = new NpgsqlCommand("""
            UPDATE "ScheduledJobs" SET "LeaseOwner" = @me, "LeaseUntil" = @until, "LastStartedAt" = @started WHERE "Name" = @name
            """, connection, tx);
        lease.Parameters.AddWithValue("me", InstanceId);
        lease.Parameters.AddWithValue("until", (now + options.Lease).ToUniversalTime());
        lease.Parameters.AddWithValue("started", clock.GetUtcNow().ToUniversalTime());
        lease.Parameters.AddWithValue("name", name);
        await lease.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return _jobs.Single(j => j.Name == name);
    }

    private async Task FinishAsync(JobRegistration job, DateTimeOffset now, string? error, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("""
            UPDATE "ScheduledJobs" SET "NextRunAt" = @next, "LeaseOwner" = NULL, "LeaseUntil" = NULL, "LastFinishedAt" = @finished,
                   "LastError" = @error, "RunCount" = "RunCount" + 1
            WHERE "Name" = @name AND "LeaseOwner" = @me
            """, connection);
        command.Parameters.AddWithValue("next", NextAfter(job.Cron, now));
        command.Parameters.AddWithValue("finished", clock.GetUtcNow().ToUniversalTime());
        command.Parameters.AddWithValue("error", error is null ? DBNull.Value : error.Length > 2000 ? error[..2000] : error);
        command.Parameters.AddWithValue("name", job.Name);
        command.Parameters.AddWithValue("me", InstanceId);
        if (await command.ExecuteNonQueryAsync(CancellationToken.None) == 0)
        {
            logger.LogWarning("Job {Job}: the lease of {Instance} had expired before the run finished", job.Name, InstanceId);
        }

        ct.ThrowIfCancellationRequested();
    }

    private static DateTimeOffset NextAfter(string cron, DateTimeOffset now) =>
        (new CronExpression(cron) { TimeZone = Istanbul.Zone }.GetNextValidTimeAfter(now) ?? now.AddYears(100)).ToUniversalTime();
}
