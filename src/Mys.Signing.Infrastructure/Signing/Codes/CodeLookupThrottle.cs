namespace Mys.Signing.Infrastructure.Signing.Codes;

/// <summary>Failed code look-ups of one client address or one certificate holder in the current window (shared by all app instances).</summary>
public sealed class CodeLookupThrottle
{
    /// <summary>"addr:&lt;ip&gt;" or "tckn:&lt;T.C. kimlik no&gt;".</summary>
    public required string Key { get; init; }

    public DateTimeOffset WindowStart { get; init; }

    public int Failures { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }
}
