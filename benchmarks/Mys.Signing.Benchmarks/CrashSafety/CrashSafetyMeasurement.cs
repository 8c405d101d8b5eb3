using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Npgsql;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>
/// Crash safety, measured (issue 18): the app runs as its own process on a fresh database and is killed with SIGKILL
/// during an upload, during <c>complete</c> of a 100-ÖEB batch (after the time-stamps were being fetched, before the
/// batch committed) and during acceptances; PostgreSQL is restarted in the middle of another 100-ÖEB batch. After each:
/// <see cref="CrashInvariants"/> (nothing half-signed, nothing lost), the user's retry succeeds, and at the end
/// <c>mys audit verify</c> passes. Prints one line per scenario and exits 1 if anything failed.
/// Run: benchmarks/crash-safety.sh (its own PostgreSQL cluster, so the restart touches nobody else's).
/// </summary>
internal static class CrashSafetyMeasurement
{
    private const int BatchSize = 100;
    private static readonly string Configuration = Environment.GetEnvironmentVariable("MYS_CRASH_CONFIGURATION") ?? "Release";

    public static async Task<int> RunAsync(string[] args)
    {
        var batch = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : BatchSize;
        var folder = Directory.CreateTempSubdirectory("mys-crash-").FullName;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        await using var database = await TestDatabase.CreateAsync();
        var port = DevPkiHost.FreeLoopbackPort();
        var settings = Settings(folder, port);
        var results = new List<ScenarioResult>();
        try
        {
            // In this process: migrations, demo data, the dev PKI, test ÖEBs and the checks; the app under test is the child.
            await using var harness = new MysAppFactory(database, new Dictionary<string, string>(settings) { ["Serilog:MinimumLevel:Default"] = "Warning" });
            _ = harness.Services;
            await using var node = new AppNode(port, NodeEnvironment(database, settings), Configuration);
            await node.StartAsync();
            Console.WriteLine($"crash safety: batch {batch}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, app pid per start, database {database.Name}");

            var scenario = new Scenarios(harness, node);
            IReadOnlyList<Guid> sent = [];
            await RunAsync(results, "kill -9 during upload", scenario.KillDuringUploadAsync);
            await RunAsync(results, "kill -9 during complete", () => scenario.KillDuringCompleteAsync(batch));
            await RunAsync(results, "PostgreSQL restart during complete", async () =>
            {
                var (result, batchSent) = await scenario.RestartPostgresDuringCompleteAsync(batch);
                sent = batchSent;
                return result;
            });
            await RunAsync(results, "kill -9 during acceptance", () => scenario.KillDuringAcceptanceAsync(sent.Take(5).ToList()));
            await RunAsync(results, "mys audit verify", () => AuditChainAsync(database));
            var errors = node.Errors();
            Console.WriteLine($"the app logged {errors.Count} error line(s) over {node.Starts} start(s){string.Concat(errors.Take(10).Select(e => "\n    " + e))}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("scenario | crashed while | lost | half-signed | orphan chunks | retry | verdict");
        foreach (var result in results)
        {
            Console.WriteLine(result);
        }

        var failed = results.Count(r => !r.Passed);
        Console.WriteLine($"{results.Count - failed} scenarios passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs one scenario; an exception fails it (with its message) instead of ending the run.</summary>
    private static async Task RunAsync(List<ScenarioResult> results, string name, Func<Task<ScenarioResult>> scenario)
    {
        ScenarioResult result;
        try
        {
            result = await scenario();
        }
#pragma warning disable CA1031 // a measurement reports every failure and goes on with the next scenario
        catch (Exception e)
#pragma warning restore CA1031
        {
            result = new ScenarioResult(name, "-", null, false, $"{e.GetType().Name}: {e.Message}");
        }

        results.Add(result);
        Console.WriteLine("== " + result);
    }

    /// <summary>The app's settings shared by the harness (in-process) and the node (its own process): one dev PKI, one address.</summary>
    internal static Dictionary<string, string> Settings(string folder, int port)
    {
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        return new Dictionary<string, string>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = Path.Combine(folder, "devpki"),
            ["Mys:DevPki:BaseUrl"] = baseUrl + "/devpki",
            ["Mys:PublicBaseUrl"] = baseUrl,
        };
    }

    internal static Dictionary<string, string> NodeEnvironment(TestDatabase database, Dictionary<string, string> settings) =>
        NodeEnvironment(database.ConnectionString, database.KeyRingCertificateFolder, settings);

    /// <summary>The node's environment on a database kept between runs (its key-ring certificate kept in <paramref name="keyRingFolder"/>).</summary>
    internal static Dictionary<string, string> NodeEnvironment(string connectionString, string keyRingFolder, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Mys"] = connectionString,
            ["ConnectionStrings__MysMigrations"] = connectionString,
            ["Mys__Database__MigrateOnStartup"] = "true",
            ["Mys__Database__AppRole"] = string.Empty,
            ["Mys__Demo__Seed"] = "true",
            ["Mys__Demo__Password"] = MysAppFactory.DemoPassword,
            ["Mys__RequireHttps"] = "false",
            ["Mys__DataProtection__DevelopmentCertificateFolder"] = keyRingFolder,
            ["Mys__Ocr__Enabled"] = "false",
            ["Mys__Export__Packages__Enabled"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    private static async Task<ScenarioResult> AuditChainAsync(TestDatabase database)
    {
        var cli = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Cli", "bin", Configuration, "net10.0", "mys.dll");
        var result = await ExternalTools.RunAsync(new ToolCommand("dotnet", [cli, "audit", "verify"])
        {
            Environment = new Dictionary<string, string> { ["ConnectionStrings__Mys"] = database.ConnectionString },
            Timeout = TimeSpan.FromMinutes(5),
        });
        var output = result.Output.Trim().ReplaceLineEndings(" ");
        return new ScenarioResult("mys audit verify", "-", null, result.ExitCode == 0, $"exit {result.ExitCode}: {output}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>One line of the summary.</summary>
internal sealed record ScenarioResult(string Name, string CrashedWhile, InvariantReport? Invariants, bool RetrySucceeded, string Note)
{
    public bool Passed => RetrySucceeded && (Invariants?.Holds ?? true);

    public override string ToString() =>
        $"{Name} | {CrashedWhile} | {Invariants?.Lost.Count.ToString(CultureInfo.InvariantCulture) ?? "-"} | {Invariants?.HalfSigned.Count.ToString(CultureInfo.InvariantCulture) ?? "-"} | "
        + $"{Invariants?.OrphanChunks.ToString(CultureInfo.InvariantCulture) ?? "-"} | {(RetrySucceeded ? "ok" : "FAILED")} | {(Passed ? "PASS" : "FAIL")} {Note}"
        + (Invariants is { Holds: false } ? "\n  " + Invariants : string.Empty);
}
