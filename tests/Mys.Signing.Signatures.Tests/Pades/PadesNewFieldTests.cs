using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using PdfSharp.Drawing;

namespace Mys.Signing.Signatures.Tests.Pades;

/// <summary>Uploaded PDF attachments have no signature fields: prepare adds one (visible or invisible).</summary>
[Collection(PkiCollection.Name)]
public sealed class PadesNewFieldTests(PkiFixture fx)
{
    [Fact]
    public async Task A_pdf_without_acroform_gets_fields_and_two_valid_signatures()
    {
        var attachment = PlainPdf();
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var ayse = fx.Pki["ayse"];
        var first = service.Prepare(new PadesPrepareRequest(attachment, "EkImza1", ayse.CertificateDer, fx.Pki.ChainFor(ayse).Select(c => c.GetEncoded()).ToList())
        {
            CreateFieldIfMissing = true,
            NewFieldRect = [40, 40, 260, 120],
            SignerName = ayse.Name,
        });
        first.IsSuccess.ShouldBeTrue(first.Error?.ToString());
        var signed1 = await service.CompleteAsync(first.Value, ayse.SignDigest(first.Value.DataToSign, DigestAlgorithm.Sha256.Name()));

        var mehmet = fx.Pki["mehmet"];
        var second = service.Prepare(new PadesPrepareRequest(signed1.Value.Pdf, "EkImza2", mehmet.CertificateDer, fx.Pki.ChainFor(mehmet).Select(c => c.GetEncoded()).ToList())
        {
            CreateFieldIfMissing = true,
        });
        var signed2 = await service.CompleteAsync(second.Value, mehmet.SignDigest(second.Value.DataToSign, DigestAlgorithm.Sha256.Name()));
        signed2.IsSuccess.ShouldBeTrue(signed2.Error?.ToString());

        var path = fx.TempFile("attachment-signed.pdf", signed2.Value.Pdf);
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path).Output;
        pdfsig.Split("Signature is Valid.").Length.ShouldBe(3, pdfsig);
        var report = await Validators.Online(fx).ValidatePdfAsync(signed2.Value.Pdf);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Select(s => s.FieldName).ShouldBe(["EkImza1", "EkImza2"]);
    }

    [Fact]
    public void Without_permission_to_add_a_missing_field_prepare_refuses()
    {
        var result = new PadesService(fx.Tsa, TimeProvider.System).Prepare(new PadesPrepareRequest(PlainPdf(), "Yok", fx.Pki["ayse"].CertificateDer, []));
        result.Error.ShouldBe(SignatureErrors.FieldNotFound);
    }

    private static byte[] PlainPdf()
    {
        DejaVuFontResolver.EnsureInstalled();
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var g = XGraphics.FromPdfPage(page))
        {
            g.DrawString("Muayene ve kabul tutanağı", new XFont(DejaVuFontResolver.Family, 14, XFontStyleEx.Regular,
                new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode)), XBrushes.Black, 60, 80);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return PdfFlateFixer.Fix(output.ToArray());
    }
}
