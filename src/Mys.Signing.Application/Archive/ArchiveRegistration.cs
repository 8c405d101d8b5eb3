using Mys.Signing.Application.Scheduling;
using Mys.Signing.Application.Signing;
using Mys.Signing.Infrastructure.Archive;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.Application.Archive;

public static class ArchiveRegistration
{
    /// <summary>
    /// The archive time-stamps (options from <c>Mys:Retention</c>; anchors, TSA and OCSP/CRL from the signing settings,
    /// so after <c>AddMysSigning</c>) and their daily job (before <see cref="SchedulingRegistration.AddMysScheduler"/>).
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddScoped(sp =>
        {
            var signing = sp.GetRequiredService<SigningComponents>();
            return new ArchiveTimeStamps(
                sp.GetRequiredService<MysDbContext>(),
                sp.GetRequiredService<IAttachmentStore>(),
                new PadesExtender(signing.TimeStamps ?? throw new InvalidOperationException("The archive job needs a time-stamp authority (Mys:Signing:Tsa:Url)."), signing.OnlineRevocation),
                signing.Settings.TrustAnchors,
                sp.GetRequiredService<RetentionOptions>(),
                sp.GetRequiredService<ILogger<ArchiveTimeStamps>>());
        });
        return services.AddMysJob<ArchiveTimeStampJob>(ArchiveTimeStampJob.Name, ArchiveTimeStampJob.Cron);
    }
}
