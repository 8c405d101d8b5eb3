using Npgsql;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Whether a request failed because the database went away or could not be reached (a restart, a failover, the network),
/// rather than because of a bug: the transaction was rolled back, nothing of the request was saved, and the same request
/// a few seconds later works. Such a request is answered 503 with Retry-After and a Turkish sentence, not 500.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds the client is asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public const string Title = "Veritabanına şu anda ulaşılamıyor.";

    public const string Detail = "İşleminiz kaydedilmedi; hiçbir şey yarım kalmadı. Birkaç saniye sonra yeniden deneyin.";

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 57P: the server is shutting down, restarting or not yet accepting connections; class 08: the
                // connection failed; 53300: too many connections (pool exhaustion on the server side).
                case PostgresException postgres when postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState == PostgresErrorCodes.TooManyConnections:
                    return true;
                case PostgresException:
                    return false; // any other server error is the statement's own problem
                case NpgsqlException { IsTransient: true }:
                    return true; // socket, timeout or end of stream on the way to the server
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the idle pooled connections (EF Core's pool and the shared data source's): after a restart every one of them
    /// is dead, and each would fail one more request before the pool learnt it. Connections in use are dropped when returned.
    /// </summary>
    public static void ForgetPooledConnections(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        NpgsqlConnection.ClearAllPools();
        services.GetService<NpgsqlDataSource>()?.Clear();
    }
}
