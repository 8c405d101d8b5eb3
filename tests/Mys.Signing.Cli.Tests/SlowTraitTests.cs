using Mys.Signing.TestSupport;

namespace Mys.Signing.Cli.Tests;

/// <summary>The fast subset (<c>--filter "Speed!=Slow"</c>, docs/testing.md) leaves out only the classes listed here.</summary>
public sealed class SlowTraitTests
{
    // README.md's verify block run by bash: two fresh dotnet processes (docs/testing.md says why); keep the list and the doc in step.
    private static readonly string[] Slow =
    [
        "Mys.Signing.Cli.Tests.ReadmeVerifyCommandsTests",
    ];

    [Fact]
    public void Only_the_listed_classes_are_marked_slow()
    {
        SlowTraits.TestClasses(typeof(SlowTraitTests).Assembly).Where(SlowTraits.IsSlow).Select(t => t.FullName).ShouldBe(Slow, ignoreOrder: true);
    }
}
