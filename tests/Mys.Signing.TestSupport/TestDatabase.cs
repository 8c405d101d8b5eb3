using Npgsql;

namespace Mys.Signing.TestSupport;

/// <summary>
/// A fresh, empty PostgreSQL database on the project's real cluster, dropped on dispose. The admin connection
/// comes from <c>MYS_TEST_PG_ADMIN</c> (set by scripts/test.sh) or, for runs from an IDE, from the local
/// cluster that scripts/run.sh or scripts/test.sh started.
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

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "mys_t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
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
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
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
