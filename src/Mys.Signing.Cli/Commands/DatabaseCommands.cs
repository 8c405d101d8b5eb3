using Microsoft.Extensions.Configuration;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Cli.Commands;

internal static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(IConfiguration configuration, string appRole, TextWriter stdout)
    {
        var applied = await DatabaseMigrator.MigrateAsync(DependencyInjection.MigrationConnectionString(configuration), appRole);
        await stdout.WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
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
