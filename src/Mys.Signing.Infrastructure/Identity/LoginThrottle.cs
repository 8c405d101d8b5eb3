namespace Mys.Signing.Infrastructure.Identity;

/// <summary>Failed password logins of one key in the current window (shared by all app instances); see LoginThrottleStore.</summary>
public sealed class LoginThrottle
{
    /// <summary>"addr:&lt;ip&gt;", "acct:&lt;tckn&gt;@&lt;ip&gt;" or "acct:&lt;tckn&gt;".</summary>
    public required string Key { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public int Failures { get; init; }

    public DateTimeOffset? BlockedUntil { get; init; }
}
