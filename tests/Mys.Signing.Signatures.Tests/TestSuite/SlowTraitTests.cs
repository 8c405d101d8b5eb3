using Mys.Signing.TestSupport;

namespace Mys.Signing.Signatures.Tests.TestSuite;

/// <summary>The fast subset (<c>--filter "Speed!=Slow"</c>, docs/testing.md) leaves out only the classes listed here.</summary>
public sealed class SlowTraitTests
{
    // The whole e-Fatura corpus, about 120 xmlsec1 processes (docs/testing.md says why); keep the list and the doc in step.
    private static readonly string[] Slow =
    [
        "Mys.Signing.Signatures.Tests.Invoices.EInvoiceFullCorpusTests",
    ];

    [Fact]
    public void Only_the_listed_classes_are_marked_slow()
    {
        SlowTraits.TestClasses(typeof(SlowTraitTests).Assembly).Where(SlowTraits.IsSlow).Select(t => t.FullName).ShouldBe(Slow, ignoreOrder: true);
    }
}
