using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.Browser;

namespace Mys.Signing.Web.Tests.TestSuite;

/// <summary>
/// The fast subset (<c>--filter "Speed!=Slow"</c>, docs/testing.md) leaves out every test that starts Chromium:
/// a browser test class added without the trait would silently make the fast run slow again.
/// </summary>
public sealed class SlowTraitTests
{
    // Marked slow for their duration alone (docs/testing.md says why); keep this list and the doc in step.
    private static readonly string[] SlowWithoutBrowser =
    [
        "Mys.Signing.Web.Tests.Authorization.AccessMatrixTests",
        "Mys.Signing.Web.Tests.Operations.TwoNodesBehindLoadBalancerTests",
        "Mys.Signing.Web.Tests.Operations.RunScriptFreshCloneTests",
        "Mys.Signing.Web.Tests.Accounting.InvoiceOcrReadingTests",
    ];

    [Fact]
    public void Every_test_class_that_starts_a_browser_is_marked_slow()
    {
        var browserNamespace = typeof(BrowserFixture).Namespace!;
        var testClasses = SlowTraits.TestClasses(typeof(SlowTraitTests).Assembly);
        var browserClasses = testClasses
            .Where(t => t.Namespace == browserNamespace ||
                        t.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType.Namespace == browserNamespace))
            .ToList();

        browserClasses.Count.ShouldBeGreaterThanOrEqualTo(7);
        browserClasses.Where(t => !SlowTraits.IsSlow(t)).Select(t => t.FullName).ShouldBeEmpty();
        testClasses.Where(t => !browserClasses.Contains(t) && SlowTraits.IsSlow(t)).Select(t => t.FullName)
            .ShouldBe(SlowWithoutBrowser, ignoreOrder: true);
    }
}
