namespace Mys.Signing.Infrastructure.Verification;

/// <summary>
/// Request and failure counters of one client address on the public verification page, in a fixed window. Kept in
/// PostgreSQL so every app instance sees the same counts. The key is a hash of the address, not the address.
/// </summary>
public sealed class PublicVerificationThrottle
{
    public required string ClientKey { get; init; }

    public DateTimeOffset WindowStart { get; set; }

    public int Requests { get; set; }

    /// <summary>Unknown or malformed codes in the window (guessing).</summary>
    public int Failures { get; set; }
}
