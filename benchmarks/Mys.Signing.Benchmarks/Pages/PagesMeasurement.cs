using System.Globalization;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Benchmarks.CrashSafety;
using Mys.Signing.Benchmarks.Load;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Benchmarks.Pages;

/// <summary>
/// The pages at national scale (issue 21): N ÖEBs (default 1,000,000, <see cref="PagesSeed"/>) in a database kept between
/// runs (<c>mys_pages_N</c> on the cluster of <c>MYS_TEST_PG_ADMIN</c>, with its dev PKI and key-ring certificate in
/// <c>.local/pages-wrk/</c>; <c>MYS_PAGES_RESEED=1</c> seeds it again), the app (Release) as its own process, and one
/// <c>wrk</c> per route in turn (2 threads, C connections, D seconds, each request with a signed-in session's cookie): the
/// ÖEB list and an ÖEB's details as the data-entry officer, the accounting inbox and a verification report as the
/// accounting officer; details and reports rotate over many ÖEBs. Prints per route requests/s, p50/p95/p99, the
/// errors (non-200 or a body shorter than half the smallest real page) and the app's own time per request (its request
/// log), with the load average; exits 1 on an error or when a route's p95 is over 50 ms.
/// Run: benchmarks/pages-wrk.sh [N=1000000] [seconds=20] [connections=50].
/// </summary>
internal static class PagesMeasurement
{
    private const double TargetP95Ms = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var duration = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
        var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50;
        var configuration = Environment.GetEnvironmentVariable("MYS_CRASH_CONFIGURATION") ?? "Release";
        var port = int.Parse(Environment.GetEnvironmentVariable("MYS_PAGES_PORT") ?? "5391", CultureInfo.InvariantCulture);
        var name = "mys_pages_" + count.ToString(CultureInfo.InvariantCulture);
        var state = Path.Combine(TestDatabase.RepositoryRoot(), ".local", "pages-wrk", name);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        // The signed ÖEBs name this address for their revocation data: the port stays the one they were seeded with.
        var settings = CrashSafetyMeasurement.Settings(state, port);
        var seed = await EnsureSeededAsync(name, state, count, settings, configuration);
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Database = name }.ConnectionString;
        var environment = CrashSafetyMeasurement.NodeEnvironment(connection, Path.Combine(state, "keyring"), settings);
        environment["Mys__Logging__Format"] = "json";
        await using var node = new AppNode(port, environment, configuration);
        await node.StartAsync();

        var clerks = await LogInAsync(node, Role.DataEntryOfficer);
        var accountants = await LogInAsync(node, Role.AccountingOfficer);
        string[] details = [.. seed.Signed.Concat(seed.Bulk).Select(id => $"/Units/{seed.SpendingUnit}/PaymentOrders/{id}")];
        string[] reports = [.. seed.Signed.Select(id => $"/Units/{seed.AccountingUnit}/Inbox/{id}")];
        var routes = new List<(WrkRoute Route, string LogPath)>
        {
            (await RouteAsync("list", [$"/Units/{seed.SpendingUnit}/PaymentOrders"], clerks, connections), $"/Units/{seed.SpendingUnit}/PaymentOrders"),
            (await RouteAsync("inbox", [$"/Units/{seed.AccountingUnit}/Inbox"], accountants, connections), $"/Units/{seed.AccountingUnit}/Inbox"),
            (await RouteAsync("details", details, clerks, connections), $"/Units/{seed.SpendingUnit}/PaymentOrders/"),
            (await RouteAsync("report", reports, accountants, connections), $"/Units/{seed.AccountingUnit}/Inbox/"),
        };

        var folder = Directory.CreateTempSubdirectory("mys-pages-").FullName;
        try
        {
            Console.WriteLine($"pages: {count:N0} ÖEBs (database {name}), wrk -t2 -c{connections} -d{duration.TotalSeconds:0}s per route, {Environment.ProcessorCount} cores, {configuration}");
            Console.WriteLine("route | connections | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | app p50 ms | app p95 ms | app CPU ms/req | db CPU ms/req | load average");
            var cpu = new CpuTime(node.ProcessId ?? throw new InvalidOperationException("the app is not running"), TestDatabase.AdminConnectionString, name);
            var failed = false;
            foreach (var (route, logPath) in routes)
            {
                var logged = node.Log.Length;
                var (appBefore, dbBefore) = await cpu.ReadAsync();
                var result = await route.RunAsync(node.Address, duration, folder);
                var (appAfter, dbAfter) = await cpu.ReadAsync();
                var server = ServerTimes(node.Log[logged..], logPath);
                var requests = Math.Max(1, server.Count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result} | {Percentile(server, 0.50):0.0} | {Percentile(server, 0.95):0.0} | {(appAfter - appBefore).TotalMilliseconds / requests:0.00} | {(dbAfter - dbBefore).TotalMilliseconds / requests:0.00} | {LoadMeasurement.LoadAverage()}"));
                if (Environment.GetEnvironmentVariable("MYS_PAGES_WRK_OUTPUT") == "1")
                {
                    Console.WriteLine(result.WrkOutput);
                }

                failed |= result.Errors > 0 || result.P95.TotalMilliseconds > TargetP95Ms;
            }

            Console.WriteLine($"the app logged {node.Errors().Count} error line(s){string.Concat(node.Errors().Take(5).Select(e => "\n    " + e))}");
            Console.WriteLine(failed ? $"FAILED: an error, or a p95 over {TargetP95Ms} ms" : $"every route: no error, p95 ≤ {TargetP95Ms} ms");
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var user in clerks.Concat(accountants))
            {
                user.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Drops the kept database of N ÖEBs and its folder.</summary>
    public static async Task<int> DropAsync(string[] args)
    {
        var name = "mys_pages_" + (args.Length > 0 ? args[0] : "1000000");
        await AdminScalarAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        var state = Path.Combine(TestDatabase.RepositoryRoot(), ".local", "pages-wrk", name);
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        Console.WriteLine($"dropped {name}");
        return 0;
    }

    private static async Task<PagesSeed> EnsureSeededAsync(string name, string state, int count, Dictionary<string, string> settings, string configuration)
    {
        var seedFile = Path.Combine(state, "seed.json");
        var exists = await AdminScalarAsync($"SELECT count(*) FROM pg_database WHERE datname = '{name}'") > 0;
        if (exists && PagesSeed.Read(seedFile) is { } kept && Environment.GetEnvironmentVariable("MYS_PAGES_RESEED") != "1")
        {
            Console.WriteLine($"pages: reusing database {name} (MYS_PAGES_RESEED=1 seeds it again)");
            return kept;
        }

        await AdminScalarAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }

        Directory.CreateDirectory(state);
        var (database, seed) = await PagesSeed.CreateAsync(count, settings, configuration);
        await using (database)
        {
            NpgsqlConnection.ClearAllPools();
            CopyFolder(database.KeyRingCertificateFolder, Path.Combine(state, "keyring"));
            await AdminScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{database.Name}' AND pid <> pg_backend_pid()");
            await AdminScalarAsync($"ALTER DATABASE \"{database.Name}\" RENAME TO \"{name}\"");
        }

        seed.Write(seedFile);
        return seed;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static async Task<long> AdminScalarAsync(string sql)
    {
        await using var admin = NpgsqlDataSource.Create(TestDatabase.AdminConnectionString);
        await using var command = admin.CreateCommand(sql);
        command.CommandTimeout = 600;
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }

    private static async Task<List<NodeUser>> LogInAsync(AppNode node, Role role)
    {
        var tckn = DemoData.Accounts.First(a => a.Role == role).Tckn;
        var users = new List<NodeUser>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await NodeUser.LogInAsync(node, tckn));
        }

        return users;
    }

    // Fetches every path once (warming the app as a first visitor would) and checks it is the real page: 200 and not a
    // login redirect. The smallest page's half is the size below which wrk counts an answer as an error.
    private static async Task<WrkRoute> RouteAsync(string name, string[] paths, List<NodeUser> users, int connections)
    {
        var smallest = int.MaxValue;
        foreach (var path in paths)
        {
            using var response = await users[0].Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"{name}: {path} answered {(int)response.StatusCode}");
            }

            smallest = Math.Min(smallest, System.Text.Encoding.UTF8.GetByteCount(body));
        }

        return new WrkRoute(name, paths, [.. users.Select(u => u.CookieHeader)], connections, Threads: 2, MinBytes: smallest / 2);
    }

    // The request-completed events (compact JSON) of GETs under the route's path: the app's own time per request.
    private static List<double> ServerTimes(string log, string path)
    {
        var times = new List<double>();
        foreach (var line in log.Split('\n'))
        {
            if (!line.Contains("\"Elapsed\"", StringComparison.Ordinal) || !line.Contains("\"RequestPath\":\"" + path, StringComparison.Ordinal))
            {
                continue;
            }

            using var json = System.Text.Json.JsonDocument.Parse(line);
            var requestPath = json.RootElement.GetProperty("RequestPath").GetString()!;
            // The list and the inbox are one path; details and reports are the path plus an id.
            if (path.EndsWith('/') ? requestPath.Length > path.Length : requestPath == path)
            {
                times.Add(json.RootElement.GetProperty("Elapsed").GetDouble());
            }
        }

        times.Sort();
        return times;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : InboxMeasurement.Percentile(sorted, p);
}
