namespace Mys.Signing.Application.Catalog;

/// <summary>The system administrator's catalogue use cases.</summary>
public static class CatalogRegistration
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogAdministration>();
        services.AddScoped<ChangeDocumentType>();
        services.AddScoped<ChangeExpenseType>();
        return services;
    }
}
