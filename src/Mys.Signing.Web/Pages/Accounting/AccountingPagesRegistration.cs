using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Web.Infrastructure.Scheduling;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// What the accounting unit's pages and the public verification page need beside the use cases (<c>AddAccounting</c>,
/// <c>AddAuditExport</c>): the public page's throttle, the verification report builder, and the package job's schedule.
/// </summary>
public static class AccountingPagesRegistration
{
    public static IServiceCollection AddAccountingPages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var throttle = new VerificationThrottleOptions();
        configuration.GetSection("Mys:PublicVerification").Bind(throttle);
        services.AddSingleton(throttle);
        services.AddSingleton<VerificationThrottle>();
        services.AddVerificationReports();
        services.AddScoped<PaymentOrderReview>();
        // Moves into AddAuditExport once the scheduling plumbing (AddMysJob) is in the application layer.
        services.AddMysJob<AuditExportPackageJob>(AuditExportPackageJob.Name, AuditExportPackageJob.Cron);
        return services;
    }

    /// <summary>The verification report builder, and the use cases' view of it (<see cref="IVerificationReports"/>); also for the tools.</summary>
    public static IServiceCollection AddVerificationReports(this IServiceCollection services)
    {
        services.AddScoped<VerificationReportBuilder>();
        services.AddScoped<IVerificationReports, VerificationReportsAdapter>();
        return services;
    }

    /// <summary>The dev PKI's seal when the app runs the dev PKI (for <c>AddAuditExport</c>).</summary>
    public static KeySealSigner? DevPkiSeal(IServiceProvider services) => services.GetService<DevPkiHierarchy>()?.SealSigner();
}
