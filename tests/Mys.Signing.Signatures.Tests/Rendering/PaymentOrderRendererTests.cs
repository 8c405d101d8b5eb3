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

    /// <summary>Every Turkish letter and typographic mark the form's font subset promises.</summary>
    private const string FormLetters = "ÇçĞğİıÖöŞşÜüÂâÎîÛû … – — ‘’ “” • € ° · ×";

    [Fact]
    public void An_OEB_in_the_form_characters_embeds_the_form_subset_and_prints_every_Turkish_letter()
    {
        var model = DemoPrintModels.PaymentOrder() with { Description = "Harfler: " + FormLetters };
        var path = fx.TempFile("oeb-form-font.pdf", PaymentOrderRenderer.Render(model));

        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var fonts = Tools.Run("pdffonts", path).Output;
        fonts.ShouldContain("+DejaVu Sans Form ", customMessage: fonts);
        fonts.ShouldContain("+DejaVu Sans Form,Bold ", customMessage: fonts);
        fonts.Split('\n').Where(l => l.Contains("+DejaVu", StringComparison.Ordinal)).ShouldAllBe(l => l.Contains("+DejaVu Sans Form", StringComparison.Ordinal));
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldContain("Harfler: " + FormLetters);
        text.ShouldContain("ÖDEME EMRİ BELGESİ");
        text.ShouldContain("Işık Kırtasiye Ltd. Şti.");
    }

    [Fact]
    public void A_character_outside_the_form_subset_renders_the_OEB_with_the_whole_font()
    {
        var model = DemoPrintModels.PaymentOrder() with { Payee = DemoPrintModels.PaymentOrder().Payee with { Name = "Ωmega Ørsted Ltd. Şti." } };
        var path = fx.TempFile("oeb-whole-font.pdf", PaymentOrderRenderer.Render(model));

        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var fonts = Tools.Run("pdffonts", path).Output;
        fonts.ShouldContain("+DejaVu Sans ", customMessage: fonts);
        fonts.ShouldNotContain("Sans Form", customMessage: fonts);
        Tools.Run("pdftotext", path, "-").Output.ShouldContain("Ωmega Ørsted Ltd. Şti.");
    }

    [Fact]
    public void The_form_subset_draws_the_page_exactly_as_the_whole_font_does()
    {
        // A zero-width space is outside the subset: the same page, drawn with the whole font, must rasterize to the same pixels.
        var model = DemoPrintModels.PaymentOrder() with { Description = "Harfler: " + FormLetters };
        var withSubset = fx.TempFile("oeb-raster-form.pdf", PaymentOrderRenderer.Render(model));
        var withWholeFont = fx.TempFile("oeb-raster-whole.pdf", PaymentOrderRenderer.Render(model with { Title = model.Title + "\u200B" }));
        Tools.Run("pdffonts", withWholeFont).Output.ShouldNotContain("Sans Form");

        Raster(withSubset).SequenceEqual(Raster(withWholeFont)).ShouldBeTrue("the subset must draw the same glyphs at the same places");
    }

    private static byte[] Raster(string pdf)
    {
        Tools.Run("pdftoppm", "-r", "110", "-gray", "-singlefile", pdf, pdf).ExitCode.ShouldBe(0);
        return File.ReadAllBytes(pdf + ".pgm");
    }
}
