using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mys.Signing.Application.Scheduling;
using Npgsql;
using Quartz;

namespace Mys.Signing.Application.Tests.Scheduling;

/// <summary>
/// One app instance's scheduler, as the web app registers it (AddMysJob + AddMysScheduler, Quartz's hosted service), on a
/// host of its own: several of these on one database are the nodes of one cluster. The job is <see cref="ProbeJob"/>.
/// </summary>
public sealed class SchedulerNode : IAsyncDisposable
{
    public const string JobName = "probe";

    private readonly IHost _host;
    private bool _crashed;

    private SchedulerNode(IHost host, JobProbe probe, IScheduler scheduler)
    {
        _host = host;
        Probe = probe;
        Scheduler = scheduler;
    }

    /// <summary>What the job saw on this node.</summary>
    public JobProbe Probe { get; }

    public IScheduler Scheduler { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<SchedulerNode> StartAsync(string connectionString, string instanceId, string cron, JobProbe probe, bool enabled = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mys:Scheduler:Enabled"] = enabled ? "true" : "false",
            ["Mys:Scheduler:InstanceId"] = instanceId,
            // A node silent for 2 s is taken for dead (the app's defaults are 15 s + 30 s).
            ["Mys:Scheduler:CheckinSeconds"] = "1",
            ["Mys:Scheduler:CheckinMisfireSeconds"] = "1",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton(probe);
        builder.Services.AddMysJob<ProbeJob>(JobName, cron);
        builder.Services.AddMysScheduler(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return new SchedulerNode(host, probe, scheduler);
    }

    /// <summary>Stops this node as a crash would: no waiting for the running job, and no more check-ins.</summary>
    public async Task CrashAsync()
    {
        _crashed = true;
        await Scheduler.Shutdown(waitForJobsToComplete: false);
    }

    public async ValueTask DisposeAsync()
    {
        Probe.Release.TrySetResult();
        if (!_crashed)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
    }
}

/// <summary>Records each run's due time and how many runs overlapped; a run may be held until <see cref="Release"/>.</summary>
public sealed class JobProbe(TimeSpan runFor = default, bool gated = false)
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _dueTimes = [];
    private int _running;
    private int _maxRunning;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<DateTimeOffset> DueTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _dueTimes];
            }
        }
    }

    public int MaxRunningAtOnce => Volatile.Read(ref _maxRunning);

    public async Task RunAsync(DateTimeOffset now)
    {
        var running = Interlocked.Increment(ref _running);
        lock (_gate)
        {
            _dueTimes.Add(now);
            _maxRunning = Math.Max(_maxRunning, running);
        }

        Started.TrySetResult();
        try
        {
            if (gated)
            {
                // Deliberately deaf to cancellation: a node that "crashes" must not finish its run cleanly.
                await Release.Task;
            }
            else if (runFor > TimeSpan.Zero)
            {
                await Task.Delay(runFor);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

/// <summary>The job's logic: hands the run to the shared <see cref="JobProbe"/> of its node.</summary>
public sealed class ProbeJob(JobProbe probe) : IScheduledJob
{
    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => probe.RunAsync(now);
}
