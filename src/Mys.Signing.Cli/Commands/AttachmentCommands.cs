using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Cli.Commands;

internal static class AttachmentCommands
{
    /// <summary><c>mys attachments move-to-s3 [--limit N]</c>: see <see cref="AttachmentMoveToObjectStore"/>.</summary>
    public static async Task<int> MoveToS3Async(string[] rest, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        int? limit = null;
        var at = Array.IndexOf(rest, "--limit");
        if (at >= 0)
        {
            if (at + 1 >= rest.Length || !int.TryParse(rest[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                await stderr.WriteLineAsync("mys: --limit takes a positive number of contents");
                return CommandLine.Usage;
            }

            limit = n;
        }

        // The schema owner: freeing chunks is a DELETE the app role need not have.
        var connection = DependencyInjection.MigrationConnectionString(configuration);
        var settings = ObjectStoreSettings.Read(configuration);
        using var loggers = LoggerFactory.Create(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        await using var dataSource = NpgsqlDataSource.Create(connection);
        using var client = settings.CreateClient();
        var postgres = new PostgresAttachmentStore(dataSource, TimeProvider.System, loggers.CreateLogger<PostgresAttachmentStore>());
        var target = new S3AttachmentStore(client, settings, dataSource, postgres, TimeProvider.System, loggers.CreateLogger<S3AttachmentStore>());
        var move = new AttachmentMoveToObjectStore(target, postgres, dataSource, loggers.CreateLogger<AttachmentMoveToObjectStore>());

        var report = await move.RunAsync(limit, CancellationToken.None);

        await stdout.WriteLineAsync(
            $"Moved {report.Moved} content(s) to {settings} ({report.FoundInBucket} already in the bucket); refused {report.Refused}; left in PostgreSQL {report.LeftInPostgreSql}.");
        return report.Refused == 0 ? CommandLine.Ok : CommandLine.CheckFailed;
    }
}
