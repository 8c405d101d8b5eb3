using Mys.Signing.Application.Signing;
using Mys.Signing.Application.Verification;
using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>Registrations of the accounting unit's pages and the public verification page.</summary>
public static class AccountingServices
{
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var throttle = new VerificationThrottleOptions();
        configuration.GetSection("Mys:PublicVerification").Bind(throttle);
        services.AddSingleton(throttle);
        services.AddSingleton<VerificationThrottle>();
        services.AddSingleton(Create);
        services.AddVerification(); // the export builds reports (also outside the app: AuditExportHost)
        services.AddScoped<PaymentOrderReview>();
        services.AddScoped<AuditExport>();
        services.AddScoped<AuditExportPackager>();
        services.AddSingleton(sp => SystemSeal.From(sp.GetRequiredService<IConfiguration>(), sp.GetService<Mys.Signing.DevPki.Pki.DevPkiHierarchy>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SystemSeal>()));
        return services;
    }

    // One configuration for all signature work: the signing API's anchors, TSA and HTTP client (which answers the dev
    // PKI's OCSP/CRL/TSA in-process in development).
    private static SignatureValidation Create(IServiceProvider sp)
    {
        var settings = sp.GetRequiredService<SigningSettings>();
        var options = new ValidationOptions();
        foreach (var anchor in settings.TrustAnchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        return new SignatureValidation(options, sp.GetRequiredService<Signing.FactoryRevocationDataClient>(), sp.GetRequiredService<Signing.FactoryTimeStampClient>(),
            sp.GetRequiredService<TimeProvider>());
    }
}
