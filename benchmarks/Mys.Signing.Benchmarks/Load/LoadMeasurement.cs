using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Benchmarks.CrashSafety;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Npgsql;

namespace Mys.Signing.Benchmarks.Load;

/// <summary>
/// Load (issue 18): 50 signed-in users for some minutes against the app as its own process. 40 of them read — the ÖEB
/// list, an ÖEB's details, the accounting inbox and a verification report, ten connections each, every request with
/// the cookie of a real session (one <c>wrk</c> per route, run side by side) — while 10 sign batches of 10 ÖEBs with
/// the dev card (realization officer, then spending authority). Prints throughput, p50/p95/p99 per route and the
/// errors (any answer but 200, for signing any ÖEB not signed); exits 1 if there was one.
/// Run: benchmarks/load.sh [minutes=5].
/// </summary>
internal static class LoadMeasurement
{
    private const int ReadersPerRoute = 10;
    private const int Signers = 10;
    private const int BatchSize = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var duration = TimeSpan.FromMinutes(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5);
        var configuration = Environment.GetEnvironmentVariable("MYS_CRASH_CONFIGURATION") ?? "Release";
        var folder = Directory.CreateTempSubdirectory("mys-load-").FullName;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        await using var database = await TestDatabase.CreateAsync();
        var port = DevPkiHost.FreeLoopbackPort();
        var settings = CrashSafetyMeasurement.Settings(folder, port);
        try
        {
            await using var harness = new MysAppFactory(database, new Dictionary<string, string>(settings) { ["Serilog:MinimumLevel:Default"] = "Warning" });
            _ = harness.Services;
            var environment = CrashSafetyMeasurement.NodeEnvironment(database, settings);
            environment["Serilog__MinimumLevel__Default"] = "Warning";
            await using var node = new AppNode(port, environment, configuration);
            await node.StartAsync();

            // What the readers read: ÖEBs signed by both and sent to the accounting unit.
            var sent = await TestPaymentOrders.CreateAwaitingSignatureAsync(harness.Services, 60);
            var officerCard = DevCardSigner.For(harness.Services, Role.RealizationOfficer);
            var authorityCard = DevCardSigner.For(harness.Services, Role.SpendingAuthority);
            using (var officer = await NodeUser.LogInAsync(node, Tckn(Role.RealizationOfficer)))
            using (var authority = await NodeUser.LogInAsync(node, Tckn(Role.SpendingAuthority)))
            {
                await SigningApi.SignAsync(officer.Client, officerCard, [.. sent]);
                await SigningApi.SignAsync(authority.Client, authorityCard, [.. sent]);
            }

            var clerks = await LogInManyAsync(node, Role.DataEntryOfficer, ReadersPerRoute);
            var accountants = await LogInManyAsync(node, Role.AccountingOfficer, ReadersPerRoute);
            var queue = new ConcurrentQueue<Guid>(await TestPaymentOrders.CreateAwaitingSignatureAsync(harness.Services, 400));
            var routes = new[]
            {
                new WrkRoute("list", [$"/Units/{DemoData.SpendingUnitId}/PaymentOrders"], Cookies(clerks), ReadersPerRoute),
                new WrkRoute("details", [.. sent.Select(id => $"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{id}")], Cookies(clerks), ReadersPerRoute),
                new WrkRoute("inbox", [$"/Units/{DemoData.AccountingUnitId}/Inbox"], Cookies(accountants), ReadersPerRoute),
                new WrkRoute("report", [.. sent.Select(id => $"/Units/{DemoData.AccountingUnitId}/Inbox/{id}")], Cookies(accountants), ReadersPerRoute),
            };

            Console.WriteLine($"load: {routes.Length * ReadersPerRoute + Signers} users for {duration.TotalMinutes:0.#} min, {Environment.ProcessorCount} cores, load average before {LoadAverage()}");
            var reads = routes.Select(route => route.RunAsync(node.Address, duration, folder)).ToList();
            var signing = new SigningLoad(harness, node, queue, officerCard, authorityCard, BatchSize, Signers);
            var deadline = Stopwatch.StartNew();
            var signers = Enumerable.Range(0, Signers).Select(_ => signing.RunAsync(() => deadline.Elapsed < duration)).ToList();
            var results = await Task.WhenAll(reads);
            await Task.WhenAll(signers);

            Console.WriteLine($"load average after {LoadAverage()}");
            Console.WriteLine("route | users | requests | per second | p50 ms | p95 ms | p99 ms | errors");
            foreach (var result in results)
            {
                Console.WriteLine(result);
            }

            Console.WriteLine(signing.Summary(duration));
            var errors = results.Sum(r => r.Errors) + signing.Errors;
            Console.WriteLine($"the app logged {node.Errors().Count} error line(s){string.Concat(node.Errors().Take(5).Select(e => "\n    " + e))}");
            Console.WriteLine($"{errors} errors");
            foreach (var user in clerks.Concat(accountants))
            {
                user.Dispose();
            }

            return errors == 0 ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Tckn(Role role) => DemoData.Accounts.First(a => a.Role == role).Tckn;

    private static async Task<List<NodeUser>> LogInManyAsync(AppNode node, Role role, int count)
    {
        var users = new List<NodeUser>();
        for (var i = 0; i < count; i++)
        {
            users.Add(await NodeUser.LogInAsync(node, Tckn(role)));
        }

        return users;
    }

    private static List<string> Cookies(IEnumerable<NodeUser> users) => users.Select(u => u.CookieHeader).ToList();

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>Signing users: each takes 10 ÖEBs, signs them as the realization officer, then as the spending authority.</summary>
internal sealed class SigningLoad(MysAppFactory harness, AppNode node, ConcurrentQueue<Guid> queue, DevCardSigner officerCard, DevCardSigner authorityCard, int batch, int users)
{
    private readonly ConcurrentBag<TimeSpan> _steps = [];
    private long _signed;
    private long _errors;

    public long Errors => Interlocked.Read(ref _errors);

    public async Task RunAsync(Func<bool> goOn)
    {
        using var officer = await NodeUser.LogInAsync(node, DemoData.Accounts.First(a => a.Role == Role.RealizationOfficer).Tckn);
        using var authority = await NodeUser.LogInAsync(node, DemoData.Accounts.First(a => a.Role == Role.SpendingAuthority).Tckn);
        while (goOn())
        {
            var ids = new List<Guid>();
            while (ids.Count < batch && queue.TryDequeue(out var id))
            {
                ids.Add(id);
            }

            if (ids.Count < batch)
            {
                ids.AddRange(await TestPaymentOrders.CreateAwaitingSignatureAsync(harness.Services, batch - ids.Count));
            }

            await StepAsync(officer, officerCard, ids);
            await StepAsync(authority, authorityCard, ids);
        }
    }

    public string Summary(TimeSpan duration)
    {
        var steps = _steps.OrderBy(s => s).ToList();
        TimeSpan At(double q) => steps.Count == 0 ? TimeSpan.Zero : steps[Math.Min(steps.Count - 1, (int)(q * steps.Count))];
        return string.Create(CultureInfo.InvariantCulture,
            $"signing ({batch} ÖEBs per prepare+sign+complete) | {users} | {steps.Count} batches, {_signed} signatures | {_signed / duration.TotalSeconds:0.0} signatures/s | {At(0.5).TotalMilliseconds:0} | {At(0.95).TotalMilliseconds:0} | {At(0.99).TotalMilliseconds:0} | {Errors}");
    }

    private async Task StepAsync(NodeUser user, DevCardSigner card, List<Guid> ids)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var completed = await SigningApi.SignAsync(user.Client, card, [.. ids]);
            _steps.Add(watch.Elapsed);
            var ok = completed.Items.Count(i => i.Ok);
            Interlocked.Add(ref _signed, ok);
            Interlocked.Add(ref _errors, ids.Count - ok);
        }
#pragma warning disable CA1031 // a load run counts every failure as an error and goes on
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Add(ref _errors, ids.Count);
        }
    }
}
