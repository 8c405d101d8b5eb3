using Mys.Signing.TestSupport;

namespace Mys.Signing.Application.Tests.TestSuite;

/// <summary>The fast subset (<c>--filter "Speed!=Slow"</c>, docs/testing.md) leaves out only the classes listed here.</summary>
public sealed class SlowTraitTests
{
    // Two Quartz nodes waiting for real firings and a node's death: tens of seconds; the demo's every state, seeded into a
    // fresh database with the dev PKI signing (docs/testing.md).
    private static readonly string[] Slow =
    [
        "Mys.Signing.Application.Tests.Scheduling.QuartzClusterTests",
        "Mys.Signing.Application.Tests.Seeding.DemoStatesTests",
    ];

    [Fact]
    public void Only_the_listed_classes_are_marked_slow()
    {
        SlowTraits.TestClasses(typeof(SlowTraitTests).Assembly).Where(SlowTraits.IsSlow).Select(t => t.FullName).ShouldBe(Slow, ignoreOrder: true);
    }
}
