using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Pades;

[Collection(PkiCollection.Name)]
public sealed class PadesLongTermTests(PkiFixture fx)
{
    [Fact]
    public async Task DSS_then_document_time_stamp_reach_B_LTA_and_keep_both_signatures_valid()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var first = await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var second = await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);
        var extender = new PadesExtender(fx.Tsa, new HttpRevocationDataClient(fx.Http));

        var lt = await extender.AddValidationDataAsync(second.Pdf, [fx.Pki.Root.CertificateDer]);
        lt.IsSuccess.ShouldBeTrue(lt.Error?.ToString());
        var dss = PdfDss.Read(PdfFile.Load(lt.Value));
        dss.Certificates.Count.ShouldBeGreaterThanOrEqualTo(4);
        dss.OcspResponses.Count.ShouldBeGreaterThanOrEqualTo(2);

        var lta = await extender.AddDocumentTimeStampAsync(lt.Value);
        lta.IsSuccess.ShouldBeTrue(lta.Error?.ToString());

        var path = fx.TempFile("lta.pdf", lta.Value);
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path).Output;
        pdfsig.Split("Signature is Valid.").Length.ShouldBeGreaterThanOrEqualTo(3, pdfsig);

        // The document time-stamp token verifies in openssl over the SHA-256 of its byte ranges.
        var docTs = PdfSignatureInfo.Read(PdfFile.Load(lta.Value)).Single(s => s.IsDocumentTimeStamp);
        var token = Mys.Signing.Signatures.Cms.SignedDataReader.Read(docTs.Contents).GetEncoded();
        var digest = Convert.ToHexString(PdfSignaturePlaceholder.Digest(lta.Value, docTs.ByteRange, DigestAlgorithm.Sha256));
        var chain = fx.TempFile("chain.pem", File.ReadAllBytes(Path.Combine(fx.Folder, "issuing-ca.crt.pem")));
        var (tsCode, tsOut) = Tools.Run("openssl", "ts", "-verify", "-digest", digest, "-in", fx.TempFile("doc.tst", token), "-token_in",
            "-CAfile", fx.RootPem, "-untrusted", chain);
        tsCode.ShouldBe(0, tsOut);
        tsOut.ShouldContain("Verification: OK");

        // Offline: the embedded OCSP responses must be enough.
        var offline = new SignatureValidator(Validators.Options(fx), new OfflineRevocationDataClient(), TimeProvider.System);
        var report = await offline.ValidatePdfAsync(lta.Value);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Count.ShouldBe(3);
        report.Signatures[0].Level.ShouldBe("B-LTA");
        report.Signatures[1].Level.ShouldBe("B-LTA");
        report.Signatures[2].Kind.ShouldBe("DocTimeStamp");
        report.Signatures[2].CoversWholeDocument.ShouldBeTrue();
        report.Signatures[0].Revocation!.Source.ShouldBe("DSS/OCSP");
    }

    [Theory]
    [InlineData("--object-streams=generate")]
    [InlineData("--linearize")]
    public async Task Signing_a_pdf_rewritten_by_qpdf_works_and_validates(string qpdfOption)
    {
        var plain = fx.TempFile("plain.pdf", PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        var objstm = Path.Combine(fx.Folder, Guid.NewGuid().ToString("N") + "-qpdf.pdf");
        Tools.Run("qpdf", qpdfOption, plain, objstm).ExitCode.ShouldBe(0);
        var first = await TestSigner.SignPdfAsync(fx, File.ReadAllBytes(objstm), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var second = await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"], SignatureLevel.BaselineB);
        var path = fx.TempFile("objstm-signed.pdf", second.Pdf);
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path).Output;
        pdfsig.Split("Signature is Valid.").Length.ShouldBe(3, pdfsig);
        var report = await Validators.Online(fx).ValidatePdfAsync(second.Pdf);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures[1].Level.ShouldBe("B-B");
    }
}
