using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Mys.Signing.Infrastructure.Verification;

/// <summary>Limits of the public verification page per client address.</summary>
public sealed class VerificationThrottleOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests (lookups and uploads) per window.</summary>
    public int MaxRequests { get; set; } = 60;

    /// <summary>Unknown or malformed codes per window; past this the address is refused until the window ends.</summary>
    public int MaxFailures { get; set; } = 10;
}

/// <summary>What the throttle decided for one request.</summary>
public sealed record ThrottleDecision(bool Allowed, int Requests, int Failures);

/// <summary>
/// Fixed-window counters per client address in PostgreSQL (one upsert per request), so several app instances
/// throttle together. Addresses are stored as a keyed SHA-256, never in clear.
/// </summary>
public sealed class VerificationThrottle(NpgsqlDataSource dataSource, VerificationThrottleOptions options, TimeProvider clock)
{
    private const string Upsert = """
        INSERT INTO "PublicVerificationThrottles" AS t ("ClientKey", "WindowStart", "Requests", "Failures")
        VALUES (@key, @now, @requests, @failures)
        ON CONFLICT ("ClientKey") DO UPDATE SET
            "WindowStart" = CASE WHEN t."WindowStart" <= @windowFloor THEN @now ELSE t."WindowStart" END,
            "Requests" = CASE WHEN t."WindowStart" <= @windowFloor THEN @requests ELSE t."Requests" + @requests END,
            "Failures" = CASE WHEN t."WindowStart" <= @windowFloor THEN @failures ELSE t."Failures" + @failures END
        RETURNING "Requests", "Failures";
        """;

    /// <summary>Counts one request from <paramref name="clientAddress"/> and says whether it may proceed.</summary>
    public Task<ThrottleDecision> RequestAsync(string clientAddress, CancellationToken cancellationToken) =>
        CountAsync(clientAddress, 1, 0, cancellationToken);

    /// <summary>Counts a failed lookup (unknown or malformed code).</summary>
    public Task<ThrottleDecision> FailureAsync(string clientAddress, CancellationToken cancellationToken) =>
        CountAsync(clientAddress, 0, 1, cancellationToken);

    private async Task<ThrottleDecision> CountAsync(string clientAddress, int requests, int failures, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.AddWithValue("key", Key(clientAddress));
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("windowFloor", now - options.Window);
        command.Parameters.AddWithValue("requests", requests);
        command.Parameters.AddWithValue("failures", failures);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var r = reader.GetInt32(0);
        var f = reader.GetInt32(1);
        return new ThrottleDecision(r <= options.MaxRequests && f < options.MaxFailures, r, f);
    }

    private static string Key(string clientAddress) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("mys-dogrula:" + clientAddress)));
}
