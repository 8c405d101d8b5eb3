using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Pages.Accounting;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Composition;

/// <summary>
/// The services <see cref="ExportForAudit"/> needs, composed outside the web app (the <c>mys export</c> command, the
/// export measurement) with the same registrations and configuration keys as the app: <c>ConnectionStrings:Mys</c>,
/// <c>Mys:Signing:*</c>, <c>Mys:Seal:*</c>, <c>Mys:DevPki:*</c>. Audit entries are written as <paramref name="actor"/> (a system actor).
/// What it takes from the web project (the dev PKI with the demo signers, the signing HTTP clients, the report
/// builder) is all it is here for: once those are in the application layer, this composition moves there. A folder of
/// its own, so that no page or plumbing namespace depends on it.
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
        services.AddScoped<PaymentOrderSupport>();
        var devPki = DevelopmentPki.Create(configuration, Path.Combine(".local", "devpki"));
        if (devPki is not null)
        {
            services.AddSingleton(devPki);
        }

        services.AddAccounting();
        services.AddAuditExport(configuration, devPki is null ? null : _ => devPki.SealSigner());
        services.AddVerificationReports();
        services.AddMysSigning(configuration, devPki);
        services.AddSignatureValidation();
        return services.BuildServiceProvider();
    }
}
