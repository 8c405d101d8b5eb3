using Mys.Signing.Application.Accounting;

namespace Mys.Signing.Application.Signing;

public static class SigningRegistration
{
    /// <summary>
    /// The signing use cases (prepare, complete) and the accounting officer's acceptance step; the code flow and the card
    /// login over them are <c>Codes.SigningCodesRegistration.AddSigningCodes</c> (Codes depends on Signing, never back).
    /// Needs <see cref="SignatureServicesRegistration.AddSignatureServices"/> and an <see cref="Access.IAuditIdentity"/>.
    /// </summary>
    public static IServiceCollection AddSigning(this IServiceCollection services)
    {
        services.AddAccounting();
        services.AddScoped<IAccountingAcceptance, AccountingAcceptance>();
        services.AddScoped<SignatureTransition>();
        services.AddScoped<VerificationReportGate>();
        services.AddScoped<SigningPlanner>();
        services.AddScoped<SignatureAssembly>();
        services.AddScoped<SignatureCommit>();
        services.AddScoped<PrepareSignatures>();
        services.AddScoped<CompleteSignatures>();
        return services;
    }
}
