using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Infrastructure.Scheduling;
using Quartz;

namespace Mys.Signing.Web.Infrastructure.Scheduling;

/// <summary>A recurring job: its unique name, its Quartz cron expression (Turkey time) and its logic's service type.</summary>
public sealed record JobRegistration(string Name, string Cron, Type JobType);

/// <summary>Scheduler settings (<c>Mys:Scheduler:Enabled</c>, <c>PollSeconds</c>, <c>LeaseMinutes</c>, <c>InstanceId</c>).</summary>
public sealed record SchedulerOptions(bool Enabled, TimeSpan PollInterval, TimeSpan Lease, string InstanceId)
{
    public static SchedulerOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Mys:Scheduler");
        return new SchedulerOptions(
            section.GetValue("Enabled", true),
            TimeSpan.FromSeconds(section.GetValue("PollSeconds", 30)),
            TimeSpan.FromMinutes(section.GetValue("LeaseMinutes", 30)),
            section["InstanceId"] is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
    }
}

public static class SchedulingRegistration
{
    /// <summary>
    /// Registers a recurring job: <typeparamref name="TJob"/> becomes a scoped service (tests resolve it and call
    /// <see cref="IScheduledJob.RunAsync"/> directly) and the shared scheduler runs it on one app instance per due time.
    /// <paramref name="cron"/> is Quartz syntax with seconds, in Turkey time: <c>"0 0 7 * * ?"</c> = every day at 07:00.
    /// </summary>
    public static IServiceCollection AddMysJob<TJob>(this IServiceCollection services, string name, string cron)
        where TJob : class, IScheduledJob
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!CronExpression.IsValidExpression(cron))
        {
            throw new ArgumentException($"Job '{name}': '{cron}' is not a valid Quartz cron expression.", nameof(cron));
        }

        if (services.Any(d => d.ServiceType == typeof(JobRegistration) && d.ImplementationInstance is JobRegistration r && r.Name == name))
        {
            throw new InvalidOperationException($"A job named '{name}' is already registered.");
        }

        services.TryAddScoped<TJob>();
        services.AddSingleton(new JobRegistration(name, cron, typeof(TJob)));
        services.TryAddSingleton(sp => SchedulerOptions.Read(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<JobScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchedulerHostedService>());
        return services;
    }
}
