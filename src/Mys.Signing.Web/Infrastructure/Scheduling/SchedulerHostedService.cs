namespace Mys.Signing.Web.Infrastructure.Scheduling;

/// <summary>Polls the shared schedule every <see cref="SchedulerOptions.PollInterval"/> and runs what is due (off with <c>Mys:Scheduler:Enabled=false</c>).</summary>
public sealed class SchedulerHostedService(JobScheduler scheduler, SchedulerOptions options, TimeProvider clock, ILogger<SchedulerHostedService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Scheduler disabled (Mys:Scheduler:Enabled=false)");
            return;
        }

        var registered = false;
        using var timer = new PeriodicTimer(options.PollInterval, clock);
        do
        {
            try
            {
                if (!registered)
                {
                    await scheduler.EnsureRegisteredAsync(clock.GetUtcNow(), stoppingToken);
                    registered = true;
                }

                await scheduler.RunDueAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Scheduler poll on {Instance} failed; retrying at the next poll", scheduler.InstanceId);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
