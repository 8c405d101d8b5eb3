using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Hosting;

namespace Mys.Signing.Cli.Commands;

/// <summary>
/// <c>mys export --connection CONN --accounting-unit CODE --from yyyy-MM-dd --to yyyy-MM-dd --out FILE.zip</c>: the
/// audit export of the accounting unit's page (<see cref="ExportForAudit"/>, the same code), written to a file and
/// audited as "mys export". The seal and signing settings come from the environment as for the app
/// (<c>Mys__Seal__Pkcs12Path</c>, <c>Mys__Seal__Pkcs12Password</c>, <c>Mys__Signing__*</c>, or <c>Mys__DevPki__*</c>).
/// </summary>
internal static class ExportCommand
{
    public const string Actor = "mys export";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration configuration)
    {
        var connection = Option(args, "--connection") ?? configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        var code = Option(args, "--accounting-unit");
        var output = Option(args, "--out");
        if (connection is null || code is null || output is null || Day(Option(args, "--from")) is not { } from || Day(Option(args, "--to")) is not { } to)
        {
            await stderr.WriteLineAsync("mys export: give --connection \"CONN\" --accounting-unit CODE --from yyyy-MM-dd --to yyyy-MM-dd --out FILE.zip");
            return CommandLine.Usage;
        }

        if (from > to || to.DayNumber - from.DayNumber >= ExportForAudit.MaxDays)
        {
            await stderr.WriteLineAsync($"mys export: --from must not be after --to, and one export covers at most {ExportForAudit.MaxDays} days");
            return CommandLine.Usage;
        }

        var settings = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = connection })
            .Build();
        await using var services = AuditExportHost.Create(settings, Actor);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var export = scope.ServiceProvider.GetRequiredService<ExportForAudit>();
        var unitId = await db.AccountingUnits.AsNoTracking().Where(u => u.Code == code).Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
        if (unitId is null)
        {
            await stderr.WriteLineAsync($"mys export: no accounting unit with code '{code}'");
            return CommandLine.Usage;
        }

        if (export.Seal is null)
        {
            await stderr.WriteLineAsync("mys export: the system seal is not configured (Mys__Seal__Pkcs12Path and Mys__Seal__Pkcs12Password)");
            return CommandLine.Internal;
        }

        var ids = await export.SelectAsync(AuditExportRequest.ForDays(unitId.Value, from, to), CancellationToken.None);
        await export.RecordAsync(unitId.Value, from, to, ids.Count, CancellationToken.None);
        // Written beside the target and renamed at the end: a failed run leaves no half archive under the given name.
        var partial = output + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
            {
                await export.WriteAsync(file, ids, CancellationToken.None);
            }

            File.Move(partial, output, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        await stdout.WriteLineAsync($"{ids.Count} ÖEB(s) of accounting unit {code} sent {from:yyyy-MM-dd}..{to:yyyy-MM-dd} exported to {Path.GetFullPath(output)}");
        return CommandLine.Ok;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
