using Mys.Signing.Application.Access;
using Mys.Signing.Application.Signing;
using Mys.Signing.Application.Signing.Codes;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Hosting;

namespace Mys.Signing.Web.Signing;

public static class SigningSetup
{
    /// <summary>
    /// The signature services (through the dev PKI in development), the audit identity of the request and the signing
    /// use cases (<see cref="SigningRegistration.AddSigning"/>, then the code flow and card login over them).
    /// </summary>
    public static IServiceCollection AddMysSigning(this IServiceCollection services, IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        services.AddSignatureServices(configuration, devPki);
        services.AddScoped<IAuditIdentity, HttpAuditIdentity>();
        return services.AddSigning().AddSigningCodes();
    }
}
