using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.Signing.Codes;

namespace Mys.Signing.Application.Signing;

public static class SigningRegistration
{
    /// <summary>
    /// The signing use cases (prepare, complete, the code flow, the card login) and the accounting officer's acceptance
    /// step. Needs <see cref="SignatureServicesRegistration.AddSignatureServices"/> and an <see cref="Access.IAuditIdentity"/>.
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
        services.AddScoped<CardLoginService>();
        services.AddScoped<CodeSigningService>();
        services.AddScoped<CodeSigningResult>();
        services.AddScoped<ICodeSigningBackend, PaymentOrderCodeSigningBackend>();
        return services;
    }
}
