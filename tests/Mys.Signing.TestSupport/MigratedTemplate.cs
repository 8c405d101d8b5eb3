using System.Globalization;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.TestSupport;

/// <summary>
/// One database per test process with the committed migrations applied, the template every <see cref="TestDatabase"/>
/// is cloned from: <c>CREATE DATABASE … TEMPLATE</c> copies files, which takes a fraction of the time the forty-odd
/// migrations take on every class's database. Its name carries the process id; it is dropped when the process exits
/// normally, and templates left behind by processes that no longer run (the test runner usually ends its test host
/// without a normal exit) are dropped by the next one.
/// </summary>
internal static class MigratedTemplate
{
    private const string Prefix = "mys_tpl_";
    private static readonly Lazy<Task<string>> Created = new(CreateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<string> NameAsync() => Created.Value;

    private static async Task<string> CreateAsync()
    {
        var name = NewName();
        await DropAbandonedAsync();
        await TestDatabase.AdminAsync($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'");
        // No pooling: a template may have no open session while it is copied.
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Database = name, Pooling = false };
        await DatabaseMigrator.MigrateAsync(connection.ConnectionString, appRole: null);
        DropAtExit(name);
        return name;
    }

    /// <summary>A template's name: this process's id, so that the next process can tell an abandoned one.</summary>
    internal static string NewName() => Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];

    internal static void DropAtExit(string name) =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestDatabase.AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();

    private static async Task DropAbandonedAsync()
    {
        var names = new List<string>();
        await using (var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var query = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%'", admin);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names.Where(n => !ProcessRuns(n[Prefix.Length..].Split('_')[0])))
        {
            await TestDatabase.AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    // Test processes of this machine only: the cluster is local (scripts/test.sh, MYS_TEST_PG_ADMIN on 127.0.0.1).
    private static bool ProcessRuns(string pid) => !int.TryParse(pid, CultureInfo.InvariantCulture, out _) || Directory.Exists("/proc/" + pid) || OperatingSystem.IsWindows();
}
