using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

[Collection(PkiCollection.Name)]
public sealed class PaymentOrderRendererTests(PkiFixture fx)
{
    [Fact]
    public void Rendering_is_deterministic_and_passes_qpdf_check()
    {
        var a = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var b = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        a.SequenceEqual(b).ShouldBeTrue("same model must give the same bytes");
        var path = fx.TempFile("oeb.pdf", a);
        var (code, output) = Tools.Run("qpdf", "--check", path);
        code.ShouldBe(0, output);
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldContain("ÖDEME EMRİ BELGESİ");
        text.ShouldContain("Işık Kırtasiye Ltd. Şti.");
        text.ShouldContain("SHA-256: 60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752");
        text.ShouldContain("5070 sayılı Elektronik İmza Kanunu");
    }

    [Fact]
    public void An_unsigned_preview_prints_no_signed_notice_and_stays_deterministic()
    {
        var model = DemoPrintModels.PaymentOrder() with { PrintSignedNotice = false };
        var a = PaymentOrderRenderer.Render(model);
        PaymentOrderRenderer.Render(model).SequenceEqual(a).ShouldBeTrue("same model must give the same bytes");
        var path = fx.TempFile("oeb-preview.pdf", a);
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldNotContain("imzalanmıştır");
        text.ShouldNotContain("5070");
        text.ShouldNotContain("güvenli elektronik imza", Case.Insensitive);
        text.ShouldContain("hukuki geçerliliği yoktur");
    }
}
