using Mys.Signing.DevPki.Pki;
using Mys.Signing.Infrastructure.Verification;
using Mys.Signing.Signatures.Asic;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// What the accounting unit's pages and the public verification page need beside the use cases (<c>AddAccounting</c>,
/// <c>AddAuditExport</c>): the public page's throttle and the dev PKI's seal.
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
        return services;
    }

    /// <summary>The dev PKI's seal when the app runs the dev PKI (for <c>AddAuditExport</c>).</summary>
    public static KeySealSigner? DevPkiSeal(IServiceProvider services) => services.GetService<DevPkiHierarchy>()?.SealSigner();
}
