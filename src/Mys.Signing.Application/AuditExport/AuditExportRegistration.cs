using Mys.Signing.Application.Scheduling;
using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Asic;

namespace Mys.Signing.Application.AuditExport;

/// <summary>The export for audit (ibraz): the use case, its packager and package job, and the system seal.</summary>
public static class AuditExportRegistration
{
    /// <summary>
    /// Reads <c>Mys:Seal:*</c> and <c>Mys:Export:Packages:*</c>; schedules the <c>audit-export-packages</c> job
    /// (<see cref="AuditExportPackageJob"/>). Needs <c>SigningComponents</c> and <c>SignatureValidation</c> beside it.
    /// </summary>
    /// <param name="devPkiSeal">The dev PKI's seal, when the host runs one (null: none); asked for only without a PKCS#12 seal.</param>
    public static IServiceCollection AddAuditExport(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, KeySealSigner?>? devPkiSeal = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddVerification();
        services.AddScoped<ExportForAudit>();
        services.AddScoped<AuditExportPackager>();
        services.AddScoped<BuildDuePackages>();
        services.AddSingleton(sp => SystemSeal.From(sp.GetRequiredService<IConfiguration>(), devPkiSeal is null ? null : () => devPkiSeal(sp),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SystemSeal>()));
        services.AddSingleton(configuration.GetSection(AuditExportPackageOptions.Section).Get<AuditExportPackageOptions>() ?? new AuditExportPackageOptions());
        services.AddMysJob<AuditExportPackageJob>(AuditExportPackageJob.Name, AuditExportPackageJob.Cron);
        return services;
    }
}
