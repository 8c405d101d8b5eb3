using System.Globalization;
using Microsoft.Extensions.Configuration;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Cli.Commands;

internal static class AuditCommands
{
    public static async Task<int> VerifyAsync(IConfiguration configuration, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryReadOptions(args, out var recorded, out var grace))
        {
            await stderr.WriteLineAsync("mys: usage: mys audit verify [--anchor ID:HASH] [--grace-minutes N]");
            return CommandLine.Usage;
        }

        await using var db = Open(configuration);
        var report = await AuditChainVerifier.VerifyAsync(db, DateTimeOffset.UtcNow, grace, recorded);
        var latest = report.LatestAnchor is { } anchor
            ? string.Create(CultureInfo.InvariantCulture, $"latest anchor {anchor.Id}:{Convert.ToHexString(anchor.Hash)} at {anchor.CreatedAt:O}")
            : "no anchor yet";
        if (report.IsIntact)
        {
            await stdout.WriteLineAsync($"Audit chain intact: {report.EntriesChecked} entries and {report.AnchorsChecked} anchors checked; {latest}.");
            return CommandLine.Ok;
        }

        await stdout.WriteLineAsync($"Audit chain BROKEN: {report.Problems.Count} problem(s) in {report.EntriesChecked} entries and {report.AnchorsChecked} anchors; {latest}.");
        foreach (var problem in report.Problems)
        {
            var what = problem.Kind is AuditChainProblemKind.AnchorChanged or AuditChainProblemKind.AnchorChainBroken or AuditChainProblemKind.AnchorRegressed
                or AuditChainProblemKind.AnchoredEntryMissing or AuditChainProblemKind.AnchorNotAsRecorded ? "anchor" : "entry";
            await stdout.WriteLineAsync($"  {what} {problem.EntryId}: {problem.Kind} {problem.Detail}".TrimEnd());
        }

        return CommandLine.CheckFailed;
    }

    public static async Task<int> AnchorAsync(IConfiguration configuration, TextWriter stdout)
    {
        await using var db = Open(configuration);
        var anchor = await AuditAnchorWriter.WriteAsync(db, DateTimeOffset.UtcNow);
        await stdout.WriteLineAsync(anchor is null
            ? "No anchor written: no partition head moved since the latest anchor."
            : string.Create(CultureInfo.InvariantCulture, $"Anchor {anchor.Id}:{Convert.ToHexString(anchor.Hash)} written."));
        return CommandLine.Ok;
    }

    private static MysDbContext Open(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString(DependencyInjection.ConnectionStringName)
                         ?? throw new InvalidOperationException("ConnectionStrings__Mys is not set.");
        return new MysDbContext(DatabaseMigrator.Options(connection), new FixedAuditActorAccessor(AuditActor.System("mys-cli")), TimeProvider.System);
    }

    private static bool TryReadOptions(string[] args, out RecordedAnchor? recorded, out TimeSpan grace)
    {
        recorded = null;
        grace = AuditChainVerifier.DefaultUnanchoredGrace;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return false;
            }

            switch (args[i])
            {
                case "--anchor" when args[i + 1].Split(':') is [var id, var hash]
                                     && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var anchorId)
                                     && hash.Length == 64 && hash.All(char.IsAsciiHexDigit):
                    recorded = new RecordedAnchor(anchorId, Convert.FromHexString(hash));
                    break;
                case "--grace-minutes" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes):
                    grace = TimeSpan.FromMinutes(minutes);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
