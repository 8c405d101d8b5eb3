using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// The validator as the accounting pages and the public page use it: trust anchors from configuration (and the dev
/// root in development), revocation data fetched live before acceptance and, after it, only what /DSS holds.
/// </summary>
public sealed class SignatureValidation(ValidationOptions options, IRevocationDataClient online, ITimeStampClient timeStamps, TimeProvider time)
{
    public IReadOnlyList<byte[]> TrustAnchors => options.TrustAnchors.ToList();

    /// <param name="embeddedOnly">True after acceptance: use the revocation data captured in the document, not today's.</param>
    public SignatureValidator Validator(bool embeddedOnly) =>
        new(options, embeddedOnly ? new OfflineRevocationDataClient() : online, time);

    public PadesExtender Extender() => new(timeStamps, online);

    /// <summary>The live OCSP/CRL source (for collecting validation data, e.g. the export's CAdES-LT seal).</summary>
    public IRevocationDataClient Online => online;

    public PadesExtender Extender(IRevocationDataClient revocation) => new(timeStamps, revocation);
}

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
        services.AddScoped<VerificationReportBuilder>();
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
        var settings = sp.GetRequiredService<Signing.SigningSettings>();
        var options = new ValidationOptions();
        foreach (var anchor in settings.TrustAnchors)
        {
            options.TrustAnchors.Add(anchor);
        }

        return new SignatureValidation(options, sp.GetRequiredService<Signing.FactoryRevocationDataClient>(), sp.GetRequiredService<Signing.FactoryTimeStampClient>(),
            sp.GetRequiredService<TimeProvider>());
    }
}
