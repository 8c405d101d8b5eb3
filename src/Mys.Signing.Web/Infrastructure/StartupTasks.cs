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
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var pki = scope.ServiceProvider.GetService<DevPki.Pki.DevPkiHierarchy>();
            var store = scope.ServiceProvider.GetRequiredService<Mys.Signing.Infrastructure.Storage.IAttachmentStore>();
            var signing = pki is null ? null : new DemoSigning(db, store, pki, clock);
            await DemoData.SeedAsync(db, users, password, clock, signing: signing, publicBaseUrl: config["Mys:PublicBaseUrl"] ?? "http://127.0.0.1:5080", store: store);
        }
    }
}
