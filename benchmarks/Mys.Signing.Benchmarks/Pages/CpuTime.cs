using System.Globalization;
using Npgsql;

namespace Mys.Signing.Benchmarks.Pages;

/// <summary>
/// CPU time (user + system) of the app's process and of the PostgreSQL backends serving one database, from /proc: what a
/// route costs per request whatever else the machine runs (wall time on a shared machine mostly measures the others).
/// </summary>
internal sealed class CpuTime(int appProcessId, string adminConnectionString, string database)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public async Task<(TimeSpan App, TimeSpan Database)> ReadAsync()
    {
        var backends = TimeSpan.Zero;
        await using var admin = NpgsqlDataSource.Create(adminConnectionString);
        await using var command = admin.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1");
        command.Parameters.AddWithValue(database);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                backends += Of(reader.GetInt32(0));
            }
        }

        return (Of(appProcessId), backends);
    }

    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name's closing parenthesis.
    private static TimeSpan Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero; // the backend ended meanwhile
        }
    }
}
