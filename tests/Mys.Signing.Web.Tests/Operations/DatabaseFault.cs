using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// Makes the database go away under a request at a chosen point, the way a PostgreSQL restart does: while armed, the
/// server process that writes the given table terminates itself (<c>pg_terminate_backend</c> of its own pid, what a
/// fast shutdown sends every backend), so the transaction in flight is lost and the client sees the connection end; or,
/// installed with <c>stall</c>, it waits a few seconds there, so that the test can cut the link mid-transaction.
/// </summary>
public sealed class DatabaseFault(TestDatabase database)
{
    private const string Switch = "mys_test_database_fault";

    /// <summary>Installs the (disarmed) trigger on <paramref name="table"/> for <paramref name="events"/> (e.g. <c>UPDATE</c>).</summary>
    public async Task InstallAsync(string table, string events, bool stall = false)
    {
        var action = stall ? "PERFORM pg_sleep(3);" : "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5);";
        await ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS {Switch} (armed boolean NOT NULL);
            CREATE OR REPLACE FUNCTION {Switch}_fire() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM {Switch} WHERE armed) THEN
                    {action} -- a termination lands in the sleep, before the statement can finish
                END IF;
                RETURN NULL;
            END $$;
            DROP TRIGGER IF EXISTS {Switch}_trigger ON "{table}";
            CREATE TRIGGER {Switch}_trigger AFTER {events} ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {Switch}_fire();
            """);
    }

    public Task ArmAsync() => ExecuteAsync($"DELETE FROM {Switch}; INSERT INTO {Switch} VALUES (true);");

    public Task DisarmAsync() => ExecuteAsync($"DELETE FROM {Switch};");

    // Not pooled: the app in the same process shares the pool of its connection string, whose connections these tests kill.
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until a request is held in the stalled trigger.</summary>
    public async Task WaitUntilStalledAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'", connection);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No request reached the stalled trigger.");
    }

    /// <summary>Terminates every server connection the app holds (idle in its pool or busy), as a restart does.</summary>
    public async Task TerminateAppConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.AddWithValue("db", database.Name);
        await terminate.ExecuteScalarAsync();
        await Task.Delay(100); // the terminated backends close their sockets
    }
}
