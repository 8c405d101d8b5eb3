using Microsoft.Extensions.Configuration;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Cli.Commands;

internal static class AuditCommands
{
    public static async Task<int> VerifyAsync(IConfiguration configuration, TextWriter stdout)
    {
        var connection = configuration.GetConnectionString(DependencyInjection.ConnectionStringName)
                         ?? throw new InvalidOperationException("ConnectionStrings__Mys is not set.");
        await using var db = new MysDbContext(DatabaseMigrator.Options(connection), new FixedAuditActorAccessor(AuditActor.System("mys-cli")), TimeProvider.System);
        var report = await AuditChainVerifier.VerifyAsync(db);
        if (report.IsIntact)
        {
            await stdout.WriteLineAsync($"Audit chain intact: {report.EntriesChecked} entries checked.");
            return CommandLine.Ok;
        }

        await stdout.WriteLineAsync($"Audit chain BROKEN: {report.Problems.Count} problem(s) in {report.EntriesChecked} entries.");
        foreach (var problem in report.Problems)
        {
            await stdout.WriteLineAsync($"  entry {problem.EntryId}: {problem.Kind}");
        }

        return CommandLine.CheckFailed;
    }
}
