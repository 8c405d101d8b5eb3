using System.Text;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Pades;

[Collection(PkiCollection.Name)]
public sealed class PadesAppearanceTests(PkiFixture fx)
{
    [Fact]
    public async Task The_signed_appearance_uses_the_embedded_Turkish_font_for_legend_name_and_time()
    {
        var signed = await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var file = PdfFile.Load(signed.Pdf);
        var field = PdfAcroForm.Find(file, SignerFields.RealizationOfficer)!;
        var appearance = (PdfStream)file.Resolve(file.ResolveDictionary(field.Dictionary["AP"])!["N"])!;
        var content = Encoding.ASCII.GetString(PdfFilters.Decode(appearance));
        content.Split(" Tj").Length.ShouldBe(4, content);
        file.ResolveDictionary(appearance.Dictionary["Resources"])!["Font"].ShouldNotBeNull();

        var path = fx.TempFile("appearance.pdf", signed.Pdf);
        var png = Path.Combine(fx.Folder, Guid.NewGuid().ToString("N"));
        Tools.Run("pdftoppm", "-png", "-r", "60", "-singlefile", path, png).ExitCode.ShouldBe(0);
        File.Exists(png + ".png").ShouldBeTrue();
    }
}
