using Mys.Signing.Application.Seeding;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// What runs before the app serves: migrations (in development, or when <c>Mys:Database:MigrateOnStartup</c> is true;
/// production uses <c>mys db migrate</c>) and the demo organisation (when <c>Mys:Demo:Seed</c> is true).
/// </summary>
internal static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mys.Startup");
        DeploymentDefaults.RequirePublicBaseUrl(config, app.Environment, logger);
        if (config.GetValue("Mys:Database:MigrateOnStartup", app.Environment.IsDevelopment()))
        {
            var applied = await DatabaseMigrator.MigrateAsync(
                DependencyInjection.MigrationConnectionString(config), config["Mys:Database:AppRole"]);
            logger.LogInformation("Database migrated; applied {Count} migration(s): {Migrations}", applied.Count, applied);
        }

        if (config.GetValue("Mys:Demo:Seed", false))
        {
            var password = config["Mys:Demo:Password"];
            if (string.IsNullOrWhiteSpace(password))
            {
                throw new InvalidOperationException("Mys:Demo:Password must be set when Mys:Demo:Seed is true.");
            }

            using var scope = app.Services.CreateScope();
            var pki = scope.ServiceProvider.GetService<DevPki.Pki.DevPkiHierarchy>();
            using var keys = pki is null ? null : new DevPkiDemoSignerKeys(pki, scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await scope.ServiceProvider.GetRequiredService<SeedDemoData>().RunAsync(password, scope.ServiceProvider.GetRequiredService<PublicAddress>().BaseUrl, keys,
                allStates: config.GetValue("Mys:Demo:AllStates", false));
        }
    }
}
