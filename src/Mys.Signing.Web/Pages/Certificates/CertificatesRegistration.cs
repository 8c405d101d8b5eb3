namespace Mys.Signing.Web.Pages.Certificates;

public static class CertificatesRegistration
{
    /// <summary>The signers' certificate pages: the readiness check (against the signing API's trust) and the signer dashboard.</summary>
    public static IServiceCollection AddCertificatePages(this IServiceCollection services)
    {
        services.AddSingleton(CertificateTrust.Create);
        services.AddScoped<ReadinessCheck>();
        services.AddScoped<SignerDashboard>();
        return services;
    }
}
