using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Npgsql;
using Quartz;

namespace Mys.Signing.Application.Tests.Scheduling;

/// <summary>
/// Two app instances (Quartz nodes with different instance ids) on one real PostgreSQL database, as two app servers
/// behind a load balancer: each firing runs once, a long run is never joined by a second, and the run of a node that
/// dies is recovered by the other.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class QuartzClusterTests : IAsyncLifetime
{
    private const string EverySecond = "* * * * * ?";
    private const string Never = "0 0 0 1 1 ? 2099";
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(_database.ConnectionString, appRole: null);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_nodes_run_each_firing_once_and_the_app_role_is_enough_for_a_node()
    {
        // Node B connects as the app role, with the rights the migrator grants it (DML, no DDL), as in production.
        var role = "mys_app_" + Guid.NewGuid().ToString("N")[..8];
        await _database.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'");
        try
        {
            await DatabaseMigrator.MigrateAsync(_database.ConnectionString, role);
            var asApp = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = role, Password = "pw-" + role, Pooling = false }.ConnectionString;
            var probe = new JobProbe();
            await using (var a = await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", EverySecond, probe))
            await using (var b = await SchedulerNode.StartAsync(asApp, "node-b", EverySecond, probe))
            {
                await WaitUntilAsync(() => probe.DueTimes.Count >= 6, TimeSpan.FromSeconds(30));
            }

            var dueTimes = probe.DueTimes;
            dueTimes.Distinct().Count().ShouldBe(dueTimes.Count, "no firing (due time) ran on both nodes");
            (await RunsOnAsync()).Keys.ShouldBeSubsetOf(["node-a", "node-b"]);
        }
        finally
        {
            await _database.ExecuteAsync($"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task A_run_longer_than_the_interval_is_never_joined_by_a_second_run_on_either_node()
    {
        var probe = new JobProbe(runFor: TimeSpan.FromSeconds(2.5));
        await using var a = await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", EverySecond, probe);
        await using var b = await SchedulerNode.StartAsync(_database.ConnectionString, "node-b", EverySecond, probe);

        await WaitUntilAsync(() => probe.DueTimes.Count >= 3, TimeSpan.FromSeconds(40));

        probe.MaxRunningAtOnce.ShouldBe(1);
    }

    [Fact]
    public async Task The_run_of_a_node_that_dies_is_recovered_by_the_other()
    {
        var onA = new JobProbe(gated: true);
        var onB = new JobProbe();
        await using var a = await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", Never, onA);
        await a.Scheduler.TriggerJob(new JobKey(SchedulerNode.JobName, JobRegistration.Group));
        await onA.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var b = await SchedulerNode.StartAsync(_database.ConnectionString, "node-b", Never, onB);

        var crashedAt = DateTimeOffset.UtcNow;
        await a.CrashAsync();
        await onB.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        onA.DueTimes.Count.ShouldBe(1);
        // The same firing, not a new one: due when node A started it, before A died.
        onB.DueTimes.Single().ShouldBeLessThan(crashedAt);
        onB.DueTimes.Single().ShouldBe(onA.DueTimes.Single(), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Firings_missed_while_every_node_was_down_run_once_on_restart_then_the_schedule_resumes()
    {
        const string Hourly = "0 0 * * * ?";
        await using (await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", Hourly, new JobProbe(), enabled: false))
        {
        }

        // As if the cluster had been down for five hours: the job last ran six hours ago and missed five firings.
        await _database.ExecuteAsync($"UPDATE qrtz_triggers SET prev_fire_time = next_fire_time - 6 * {TimeSpan.TicksPerHour}, next_fire_time = next_fire_time - 5 * {TimeSpan.TicksPerHour}");
        var probe = new JobProbe();
        await using var b = await SchedulerNode.StartAsync(_database.ConnectionString, "node-b", Hourly, probe);

        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));

        probe.DueTimes.Count.ShouldBe(1, "fire once now (FireAndProceed), not once per missed hour");
        var trigger = await b.Scheduler.GetTrigger(new TriggerKey(SchedulerNode.JobName, JobRegistration.Group));
        trigger!.NextFireTimeUtc!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_changed_cron_expression_is_applied_when_a_node_starts()
    {
        await using (await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", "0 0 * * * ?", new JobProbe(), enabled: false))
        {
        }

        await using var b = await SchedulerNode.StartAsync(_database.ConnectionString, "node-b", "0 30 7 * * ?", new JobProbe(), enabled: false);

        var trigger = (ICronTrigger)(await b.Scheduler.GetTrigger(new TriggerKey(SchedulerNode.JobName, JobRegistration.Group)))!;
        trigger.CronExpressionString.ShouldBe("0 30 7 * * ?");
        // 07:30 in Turkey is 04:30 UTC.
        trigger.NextFireTimeUtc!.Value.UtcDateTime.TimeOfDay.ShouldBe(new TimeSpan(4, 30, 0));
    }

    [Fact]
    public async Task An_operators_schedule_in_the_configuration_replaces_the_jobs_default()
    {
        var settings = new Dictionary<string, string?> { ["Mys:Scheduler:Cron:" + SchedulerNode.JobName] = "0 15 2 * * ?" };
        await using var node = await SchedulerNode.StartAsync(_database.ConnectionString, "node-a", "0 0 * * * ?", new JobProbe(), enabled: false, settings);

        var trigger = (ICronTrigger)(await node.Scheduler.GetTrigger(new TriggerKey(SchedulerNode.JobName, JobRegistration.Group)))!;
        trigger.CronExpressionString.ShouldBe("0 15 2 * * ?");
        node.Services.GetServices<JobRegistration>().Single().Cron.ShouldBe("0 15 2 * * ?", "the admin page shows the schedule that runs");
    }

    [Theory]
    [InlineData("probe", "every night")]
    [InlineData("probe", "")]
    [InlineData("no-such-job", "0 0 * * * ?")]
    public void A_configured_schedule_that_is_not_a_cron_expression_or_names_no_job_stops_the_start(string name, string cron)
    {
        var services = new ServiceCollection();
        services.AddMysJob<ProbeJob>("probe", EverySecond);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mys:Scheduler:Cron:" + name] = cron }).Build();

        var error = Should.Throw<InvalidOperationException>(() => services.AddMysScheduler(configuration));
        error.Message.ShouldStartWith("Mys:Scheduler:Cron:" + name);
    }

    [Fact]
    public void A_bad_cron_expression_a_duplicate_name_or_a_job_added_after_the_scheduler_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        services.AddMysJob<ProbeJob>("probe", EverySecond);

        Should.Throw<ArgumentException>(() => services.AddMysJob<ProbeJob>("other", "every day"));
        Should.Throw<InvalidOperationException>(() => services.AddMysJob<ProbeJob>("probe", EverySecond));
        services.AddMysScheduler(new ConfigurationBuilder().Build());
        Should.Throw<InvalidOperationException>(() => services.AddMysJob<ProbeJob>("late", EverySecond));
    }

    private async Task<Dictionary<string, long>> RunsOnAsync()
    {
        var rows = await _database.ScalarAsync<string>("SELECT coalesce(string_agg(instance_name || '=' || n, ','), '') FROM (SELECT instance_name, count(*) AS n FROM qrtz_execution_history GROUP BY instance_name) x");
        return rows!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split('=')).ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The scheduler did not get there in " + timeout);
            }

            await Task.Delay(100);
        }
    }
}
