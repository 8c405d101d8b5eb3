using Microsoft.AspNetCore.Identity;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Seeding;

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

            // No request here: the audit rows name the system as the actor.
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MysUser>>();
            await DemoData.SeedAsync(db, users, password, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        }
    }
}
