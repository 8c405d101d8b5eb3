using Npgsql;

namespace Mys.Signing.TestSupport;

/// <summary>
/// A fresh PostgreSQL database on the project's real cluster, dropped on dispose: with the committed migrations applied
/// (<see cref="CreateAsync"/>, a copy of the process's <see cref="MigratedTemplate"/>) or empty (<see cref="CreateEmptyAsync"/>).
/// The admin connection comes from <c>MYS_TEST_PG_ADMIN</c> (set by scripts/test.sh) or, for runs from an IDE, from the
/// local cluster that scripts/run.sh or scripts/test.sh started.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connects as the cluster's superuser to this database (also used as the schema owner in tests).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Where the apps on this database keep the self-made certificate that encrypts their shared Data Protection key
    /// ring: one per database, so every instance on it reads the others' cookies. Deleted with the database.
    /// </summary>
    public string KeyRingCertificateFolder => Path.Combine(Path.GetTempPath(), "mys-keyring", Name);

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MYS_TEST_PG_ADMIN") is { Length: > 0 } fromEnv ? fromEnv : FromLocalCluster();

    /// <summary>
    /// A database with every committed migration applied (and the document catalogue they seed), as the app's startup
    /// or <c>mys db migrate</c> leaves it; migrating it again applies nothing.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var name = NewName();
        await CloneAsync(await MigratedTemplate.NameAsync(), name);
        return Open(name);
    }

    /// <summary>
    /// A database as the app on <paramref name="appSettings"/> (the settings given to <see cref="MysAppFactory"/>) leaves
    /// it after its first start: migrated and with the demo organisation seeded, with the dev PKI's signed demo ÖEBs when
    /// the settings turn the dev PKI on. A copy of a <see cref="SeededTemplate"/>, so the app's start-up seeding finds the
    /// work done instead of hashing seven passwords and signing ÖEBs for every test class. With the dev PKI on, the
    /// settings' <c>Mys:DevPki:Folder</c> receives a copy of the PKI the template was seeded with (<see cref="AppDevPki"/>)
    /// unless it holds it already.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededAsync(IReadOnlyDictionary<string, string>? appSettings = null)
    {
        var template = await SeededTemplate.NameAsync(appSettings ?? new Dictionary<string, string>());
        var name = NewName();
        await CloneAsync(template, name);
        return Open(name);
    }

    internal static async Task CloneAsync(string template, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await AdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                // "source database is being accessed by other users": a session on the template is closing.
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>An empty database (no migrations), for tests of the migrations themselves.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var name = NewName();
        await AdminAsync($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'");
        return Open(name);
    }

    internal static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static string NewName() => "mys_t_" + Guid.NewGuid().ToString("N");

    internal static TestDatabase Open(string name, bool pooling = true) =>
        new(name, new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = pooling }.ConnectionString);

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // A test's set-up (100,000 seeded ÖEBs) is not what it times; Npgsql's 30 s default failed one on a busy machine.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        if (Directory.Exists(KeyRingCertificateFolder))
        {
            Directory.Delete(KeyRingCertificateFolder, recursive: true);
        }
    }

    private static string FromLocalCluster()
    {
        var root = RepositoryRoot();
        var passwordFile = Path.Combine(root, ".local", "pg", "superuser.pw");
        if (!File.Exists(passwordFile))
        {
            throw new InvalidOperationException("No PostgreSQL for tests: run ./scripts/test.sh (it starts the local cluster) or set MYS_TEST_PG_ADMIN.");
        }

        var port = Environment.GetEnvironmentVariable("MYS_PG_PORT") ?? "55432";
        return $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Password={File.ReadAllText(passwordFile).Trim()}";
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mys.Signing.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Mys.Signing.sln) not found above " + AppContext.BaseDirectory);
    }
}
