using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

[Collection(PkiCollection.Name)]
public sealed class PaymentOrderRendererTests(PkiFixture fx)
{
    [Fact]
    public void Rendering_is_deterministic_and_passes_qpdf_check()
    {
        var a = PaymentOrderRenderer.Render(SampleModels.PaymentOrder());
        var b = PaymentOrderRenderer.Render(SampleModels.PaymentOrder());
        a.SequenceEqual(b).ShouldBeTrue("same model must give the same bytes");
        var path = fx.TempFile("oeb.pdf", a);
        var (code, output) = Tools.Run("qpdf", "--check", path);
        code.ShouldBe(0, output);
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldContain("ÖDEME EMRİ BELGESİ");
        text.ShouldContain("Işık Kırtasiye Ltd. Şti.");
        text.ShouldContain("SHA-256: 60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752");
    }
}
