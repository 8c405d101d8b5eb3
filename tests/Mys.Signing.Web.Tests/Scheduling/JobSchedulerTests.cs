using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Scheduling;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure.Scheduling;
using Npgsql;

namespace Mys.Signing.Web.Tests.Scheduling;

/// <summary>Two scheduler instances on one database (as two app servers would be): a due job runs once, on one of them.</summary>
public sealed class JobSchedulerTests : IAsyncLifetime
{
    private const string Daily = "0 0 7 * * ?";
    private static readonly DateTimeOffset Registered = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await DatabaseMigrator.MigrateAsync(_database.ConnectionString, appRole: null);
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_one_run_while_the_lease_is_held_and_the_next_run_is_the_next_cron_time()
    {
        var job = new GatedJob();
        var a = Scheduler("app-a", job);
        var b = Scheduler("app-b", job);
        await a.EnsureRegisteredAsync(Registered, CancellationToken.None);
        await b.EnsureRegisteredAsync(Registered, CancellationToken.None);
        // 07:00 Istanbul is 04:00 UTC: first due time after 06:00 UTC on the 21st is the 22nd, 04:00 UTC.
        (await NextRunAsync()).ShouldBe(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero));
        var due = new DateTimeOffset(2026, 11, 22, 4, 0, 30, TimeSpan.Zero);

        var runOnA = a.RunDueAsync(due, CancellationToken.None);
        await job.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var ranOnB = await b.RunDueAsync(due, CancellationToken.None);
        job.Release.SetResult();
        var ranOnA = await runOnA;

        ranOnA.ShouldBe(["gated"]);
        ranOnB.ShouldBeEmpty();
        job.Runs.ShouldBe(1);
        (await b.RunDueAsync(due, CancellationToken.None)).ShouldBeEmpty("already run for this due time");
        (await NextRunAsync()).ShouldBe(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));
        (await ScalarAsync<long>("SELECT \"RunCount\" FROM \"ScheduledJobs\"")).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_polls_of_both_instances_run_a_due_job_exactly_once()
    {
        var job = new GatedJob();
        job.Release.SetResult();
        var a = Scheduler("app-a", job);
        var b = Scheduler("app-b", job);
        await a.EnsureRegisteredAsync(Registered, CancellationToken.None);
        var due = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

        var results = await Task.WhenAll(a.RunDueAsync(due, CancellationToken.None), b.RunDueAsync(due, CancellationToken.None));

        results.Sum(r => r.Count).ShouldBe(1);
        job.Runs.ShouldBe(1);
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_instance_expires_and_another_instance_runs_the_job()
    {
        var job = new GatedJob();
        job.Release.SetResult();
        var b = Scheduler("app-b", job);
        await b.EnsureRegisteredAsync(Registered, CancellationToken.None);
        var due = new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
        await _database.ExecuteAsync("UPDATE \"ScheduledJobs\" SET \"LeaseOwner\" = 'dead', \"LeaseUntil\" = '2026-11-22T05:10:00Z'");

        (await b.RunDueAsync(due, CancellationToken.None)).ShouldBeEmpty("the lease is still held");
        (await b.RunDueAsync(due.AddMinutes(11), CancellationToken.None)).ShouldBe(["gated"]);
        job.Runs.ShouldBe(1);
    }

    [Fact]
    public void A_bad_cron_expression_or_a_duplicate_name_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        services.AddMysJob<GatedJob>("gated", Daily);

        Should.Throw<ArgumentException>(() => services.AddMysJob<GatedJob>("other", "every day"));
        Should.Throw<InvalidOperationException>(() => services.AddMysJob<GatedJob>("gated", Daily));
    }

    private JobScheduler Scheduler(string instance, GatedJob job)
    {
        var services = new ServiceCollection();
        services.AddSingleton(job);
        var provider = services.BuildServiceProvider();
        return new JobScheduler(_dataSource, provider.GetRequiredService<IServiceScopeFactory>(), [new JobRegistration("gated", Daily, typeof(GatedJob))],
            new SchedulerOptions(true, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), instance), TimeProvider.System, NullLogger<JobScheduler>.Instance);
    }

    private async Task<DateTimeOffset> NextRunAsync() => new(await ScalarAsync<DateTime>("SELECT \"NextRunAt\" FROM \"ScheduledJobs\""), TimeSpan.Zero);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Counts its runs; each run signals <see cref="Started"/> and waits for <see cref="Release"/>.</summary>
    public sealed class GatedJob : IScheduledJob
    {
        private int _runs;

        public int Runs => _runs;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }
}
