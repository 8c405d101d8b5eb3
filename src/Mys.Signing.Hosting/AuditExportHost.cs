using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Auditing;

namespace Mys.Signing.Hosting;

/// <summary>
/// The services <see cref="ExportForAudit"/> needs, composed outside the web app (the <c>mys export</c> command, the
/// export measurement) with the same registrations and configuration keys as the app: <c>ConnectionStrings:Mys</c>,
/// <c>Mys:Signing:*</c>, <c>Mys:Seal:*</c>, <c>Mys:DevPki:*</c>. Audit entries are written as <paramref name="actor"/> (a system actor).
/// </summary>
public static class AuditExportHost
{
    public static ServiceProvider Create(IConfiguration configuration, string actor)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddMysInfrastructure(configuration);
        services.AddSingleton<IAuditActorAccessor>(new FixedAuditActorAccessor(AuditActor.System(actor)));
        services.AddPaymentOrders();
        var devPki = DevelopmentPki.Create(configuration, Path.Combine(".local", "devpki"));
        if (devPki is not null)
        {
            services.AddSingleton(devPki);
        }

        services.AddSignatureServices(configuration, devPki);
        services.AddAuditExport(configuration, devPki is null ? null : _ => devPki.SealSigner());
        return services.BuildServiceProvider();
    }
}
