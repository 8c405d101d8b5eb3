namespace Mys.Signing.Web.Infrastructure.Cards;

public static class CardsRegistration
{
    /// <summary>The card login and the code flow (after <c>AddMysSigning</c>, whose checks they reuse).</summary>
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddScoped<CardLoginService>();
        services.AddScoped<CodeSigningService>();
        services.AddScoped<ICodeSigningBackend, PaymentOrderCodeSigningBackend>();
        return services;
    }
}
