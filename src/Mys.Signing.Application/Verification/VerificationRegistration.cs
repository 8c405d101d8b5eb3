using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mys.Signing.Application.Verification;

/// <summary>Registrations of the verification report. <see cref="SignatureValidation"/> is registered by the host (its HTTP clients are the web's).</summary>
public static class VerificationRegistration
{
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.TryAddScoped<BuildVerificationReport>();
        services.TryAddScoped<CheckVerificationCode>();
        return services;
    }
}
