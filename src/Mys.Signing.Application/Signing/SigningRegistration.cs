using Mys.Signing.Application.Signing.Codes;
using Mys.Signing.Signatures.Tsp;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Signing;

public static class SigningRegistration
{
    /// <summary>
    /// The signing use cases (prepare, complete, the code flow, the card login) and the signature components over
    /// <paramref name="settings"/>. The host supplies the OCSP/CRL and time-stamp clients (its HTTP plumbing), an
    /// <see cref="Access.IAuditIdentity"/> and an <see cref="IAccountingAcceptance"/>.
    /// </summary>
    public static IServiceCollection AddSigning<TRevocation, TTimeStamps>(this IServiceCollection services, SigningSettings settings)
        where TRevocation : class, IRevocationDataClient
        where TTimeStamps : class, ITimeStampClient
    {
        services.AddSingleton(settings);
        services.AddSingleton(sp => new SigningComponents(
            sp.GetRequiredService<SigningSettings>(),
            sp.GetRequiredService<TRevocation>(),
            sp.GetRequiredService<TTimeStamps>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<SignatureTransition>();
        services.AddScoped<VerificationReportGate>();
        services.AddScoped<SigningPlanner>();
        services.AddScoped<SignatureAssembly>();
        services.AddScoped<SignatureCommit>();
        services.AddScoped<PrepareSignatures>();
        services.AddScoped<CompleteSignatures>();
        services.AddScoped<CardLoginService>();
        services.AddScoped<CodeSigningService>();
        services.AddScoped<ICodeSigningBackend, PaymentOrderCodeSigningBackend>();
        return services;
    }
}
