namespace Mys.Signing.Application.Seeding;

public static class SeedingRegistration
{
    /// <summary>The demo data seeding the app runs at start-up when <c>Mys:Demo:Seed</c> is true.</summary>
    public static IServiceCollection AddSeeding(this IServiceCollection services) => services.AddScoped<SeedDemoData>();
}
