namespace Mys.Signing.TestSupport;

/// <summary>A clock tests move by hand (Microsoft.Extensions.TimeProvider.Testing is not in the package registry here).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
