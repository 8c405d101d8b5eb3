using Mys.Signing.Application.Signing;
using Mys.Signing.Infrastructure.Archive;
using Mys.Signing.Infrastructure.Scheduling;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Web.Infrastructure.Scheduling;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Infrastructure.Archive;

/// <summary>
/// The daily archive run (<see cref="ArchiveTimeStampService"/>) on the shared PostgreSQL scheduler (docs/scheduling.md):
/// one instance runs it per due time; across instances the service's row locks (SKIP LOCKED) keep documents from being
/// stamped twice anyway.
/// </summary>
public sealed class ArchiveTimeStampJob(ArchiveTimeStampService service) : IScheduledJob
{
    public const string Name = "archive-time-stamps";

    /// <summary>Every day at 02:30 Turkey time.</summary>
    public const string Cron = "0 30 2 * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => service.RunAsync(now, cancellationToken);

    /// <summary>Registers the service (options from <c>Mys:Retention</c>; anchors, TSA and OCSP/CRL from the signing settings) and the job.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddScoped(sp =>
        {
            var signing = sp.GetRequiredService<SigningComponents>();
            return new ArchiveTimeStampService(
                sp.GetRequiredService<Mys.Signing.Infrastructure.Persistence.MysDbContext>(),
                sp.GetRequiredService<Mys.Signing.Infrastructure.Storage.IAttachmentStore>(),
                new PadesExtender(signing.TimeStamps ?? throw new InvalidOperationException("The archive job needs a time-stamp authority (Mys:Signing:Tsa:Url)."), sp.GetRequiredService<FactoryRevocationDataClient>()),
                signing.Settings.TrustAnchors,
                sp.GetRequiredService<RetentionOptions>(),
                sp.GetRequiredService<ILogger<ArchiveTimeStampService>>());
        });
        services.AddMysJob<ArchiveTimeStampJob>(Name, Cron);
    }
}
