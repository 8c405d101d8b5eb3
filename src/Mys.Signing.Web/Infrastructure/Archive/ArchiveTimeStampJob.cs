using Mys.Signing.Infrastructure.Archive;
using Quartz;

namespace Mys.Signing.Web.Infrastructure.Archive;

/// <summary>
/// Quartz wrapper of <see cref="ArchiveTimeStampService"/>: one run per trigger, in its own DI scope. Not concurrent
/// within an instance; across instances the service's row locks (SKIP LOCKED) keep documents from being stamped twice.
/// The scheduler itself is configured elsewhere (Infrastructure/Scheduling); <see cref="ScheduleAsync"/> adds this job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ArchiveTimeStampJob(IServiceScopeFactory scopes, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("archive-time-stamps", "archive");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArchiveTimeStampService>().RunAsync(time.GetUtcNow(), context.CancellationToken);
    }

    /// <summary>
    /// Registers the job and its service (options from <c>Mys:Retention</c>). Needs <see cref="Signatures.Pades.PadesExtender"/>
    /// and <see cref="Signatures.Validation.ValidationOptions"/> (the trust anchors) from the signing registration.
    /// </summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddScoped(sp => new ArchiveTimeStampService(
            sp.GetRequiredService<Mys.Signing.Infrastructure.Persistence.MysDbContext>(),
            sp.GetRequiredService<Mys.Signing.Infrastructure.Storage.IAttachmentStore>(),
            sp.GetRequiredService<Signatures.Pades.PadesExtender>(),
            sp.GetRequiredService<Signatures.Validation.ValidationOptions>().TrustAnchors.ToList(),
            sp.GetRequiredService<RetentionOptions>(),
            sp.GetRequiredService<ILogger<ArchiveTimeStampService>>()));
        services.AddTransient<ArchiveTimeStampJob>();
    }

    /// <summary>Adds the job with a daily trigger (02:30 Europe/Istanbul by default; a cron expression may be given).</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, string cron = "0 30 2 * * ?", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var job = JobBuilder.Create<ArchiveTimeStampJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("archive-time-stamps-daily", "archive")
            .ForJob(Key)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul")).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
        await scheduler.AddJob(job, replace: true, cancellationToken);
        if (!await scheduler.CheckExists(trigger.Key, cancellationToken))
        {
            await scheduler.ScheduleJob(trigger, cancellationToken);
        }
    }
}
