namespace Mys.Signing.Signatures.Tests.Invoices;

/// <summary>
/// The whole issue-22 corpus (every profile and type, 26 invoices and their tampered twins, each judged by our checker
/// and by a <c>xmlsec1</c> process): slow (docs/testing.md) for the xmlsec1 runs alone; the fast subset judges every seal
/// and encoding of it in <see cref="EInvoiceCorpusTests"/>.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class EInvoiceFullCorpusTests(EInvoicePkiFixture fx) : IClassFixture<EInvoicePkiFixture>
{
    [Fact]
    public void Every_generated_invoice_and_every_tampered_twin_gets_the_verdict_xmlsec1_gives()
    {
        var judged = EInvoiceCorpusTests.Judge(fx, EInvoiceCorpusTests.Corpus(fx));

        judged.ShouldBeGreaterThan(100);
    }
}
