using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Infrastructure.Certificates;

namespace Mys.Signing.Application.Home;

/// <summary>The start page: the work waiting for the person, per role and unit.</summary>
public static class HomeRegistration
{
    public static IServiceCollection AddHome(this IServiceCollection services)
    {
        services.TryAddScoped<SignerCertificateStatusService>();
        services.TryAddScoped<SystemAdministratorWork>();
        services.TryAddScoped<ShowStartPage>();
        return services;
    }
}
