namespace Mys.Signing.Signatures.Tests.Infrastructure;

/// <summary>A clock frozen at a given instant (Microsoft.Extensions.TimeProvider.Testing is not in the registry copy).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
