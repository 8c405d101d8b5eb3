namespace Mys.Signing.Application.Signing.Codes;

public static class SigningCodesRegistration
{
    /// <summary>The code flow and the card login, over the signing use cases of <see cref="SigningRegistration.AddSigning"/>.</summary>
    public static IServiceCollection AddSigningCodes(this IServiceCollection services)
    {
        services.AddScoped<CardLoginService>();
        services.AddScoped<CodeSigningService>();
        services.AddScoped<CodeSigningResult>();
        services.AddScoped<ICodeSigningBackend, PaymentOrderCodeSigningBackend>();
        return services;
    }
}
