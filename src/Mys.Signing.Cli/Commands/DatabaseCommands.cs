using Microsoft.Extensions.Configuration;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Archive;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Cli.Commands;

internal static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(IConfiguration configuration, string appRole, TextWriter stdout)
    {
        var owner = DependencyInjection.MigrationConnectionString(configuration);
        var applied = await DatabaseMigrator.MigrateAsync(owner, appRole);
        var retention = configuration.GetValue($"{RetentionOptions.Section}:Years", 10);
        await RetentionOptions.ApplyAsync(owner, retention);
        await stdout.WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
        await stdout.WriteLineAsync($"Retention: {retention} years.");
        return CommandLine.Ok;
    }

    public static int ModelScript(IConfiguration configuration, TextWriter stdout)
    {
        // Generating the script does not connect; a placeholder connection string is enough.
        var connection = configuration.GetConnectionString(DependencyInjection.ConnectionStringName) ?? "Host=127.0.0.1;Database=mys";
        stdout.WriteLine(DatabaseMigrator.ModelScript(connection));
        return CommandLine.Ok;
    }
}
