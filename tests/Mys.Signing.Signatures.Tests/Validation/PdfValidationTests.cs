using System.Text;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

[Collection(PkiCollection.Name)]
public sealed class PdfValidationTests(PkiFixture fx)
{
    [Fact]
    public async Task Two_sequential_signatures_pass_with_signer_details()
    {
        var signed = await SignedTwiceAsync();
        var report = await Validators.Online(fx).ValidatePdfAsync(signed);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Count.ShouldBe(2);
        report.Signatures[0].FieldName.ShouldBe(SignerFields.RealizationOfficer);
        report.Signatures[0].Role.ShouldBe("Gerçekleştirme Görevlisi");
        report.Signatures[1].Role.ShouldBe("Harcama Yetkilisi");
        report.Signatures[0].Tckn.ShouldBe("10000000146");
        report.Signatures[0].CoversWholeDocument.ShouldBeFalse();
        report.Signatures[1].Tckn.ShouldBe("12345678950");
        report.Signatures[1].CoversWholeDocument.ShouldBeTrue();
        report.Signatures.ShouldAllBe(s => s.Level == "B-T" && s.Qualified && s.NonRepudiation && s.TimeStampTime != null);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_first_revision_breaks_both_signatures()
    {
        var signed = await SignedTwiceAsync();
        var at = signed.AsSpan().IndexOf("stream\n"u8) + 60;
        signed[at] ^= 0x01;
        var report = await Validators.Online(fx).ValidatePdfAsync(signed);
        report.Signatures.ShouldAllBe(s => s.Indication == Indication.TotalFailed && s.SubIndication == SubIndication.HashFailure);
        PdfSig(signed).Split("Digest Mismatch").Length.ShouldBe(3);
    }

    [Fact]
    public async Task A_stripped_signature_value_is_a_format_failure()
    {
        var signed = await SignedTwiceAsync();
        var second = PdfSignatureInfo.Read(PdfFile.Load(signed))[1];
        for (var i = second.ByteRange[1] + 1; i < second.ByteRange[2] - 1; i++)
        {
            signed[i] = (byte)'0';
        }

        var report = await Validators.Online(fx).ValidatePdfAsync(signed);
        report.Signatures[0].Indication.ShouldBe(Indication.TotalPassed);
        report.Signatures[1].Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures[1].SubIndication.ShouldBe(SubIndication.FormatFailure);
        report.Indication.ShouldBe(Indication.TotalFailed);
    }

    [Fact]
    public async Task Bytes_hidden_in_the_zero_padding_of_a_signature_contents_fail_that_signature()
    {
        var signed = await SignedTwiceAsync();
        var second = PdfSignatureInfo.Read(PdfFile.Load(signed))[1];
        var lastHexPair = (int)second.ByteRange[2] - 3;
        signed[lastHexPair] = (byte)'4';
        signed[lastHexPair + 1] = (byte)'1';

        var report = await Validators.Online(fx).ValidatePdfAsync(signed);
        report.Signatures[0].Indication.ShouldBe(Indication.TotalPassed);
        report.Signatures[1].Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures[1].SubIndication.ShouldBe(SubIndication.FormatFailure);
    }

    [Fact]
    public async Task An_unsigned_pdf_has_no_signature_to_pass()
    {
        var report = await Validators.Online(fx).ValidatePdfAsync(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        report.Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_later_revision_that_changes_page_content_is_reported_although_pdfsig_says_valid()
    {
        var signed = (await TestSigner.SignPdfAsync(fx, Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"])).Pdf;
        var file = PdfFile.Load(signed);
        var page = file.ResolveDictionary(((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0])!;
        var contents = (PdfReference)page["Contents"]!;
        var update = new PdfIncrementalUpdate(file);
        var old = PdfFilters.Decode((PdfStream)file.GetObject(contents.Number)!);
        var forged = old.Concat(Encoding.ASCII.GetBytes("\nq 1 1 1 rg 300 500 200 40 re f Q\n")).ToArray();
        update.Replace(contents.Number, new PdfStream(new PdfDictionary(), forged));
        var tampered = update.Build().Bytes;

        PdfSig(tampered).ShouldContain("Signature is Valid.");
        var report = await Validators.Online(fx).ValidatePdfAsync(tampered);
        report.Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures[0].SubIndication.ShouldBe(SubIndication.ChangeNotPermitted);
        report.Signatures[0].Findings.ShouldContain(f => f.StartsWith("PAGE_CONTENT_CHANGED", StringComparison.Ordinal));
        report.Message.ShouldBe("İmzadan sonra 1. sayfanın içeriği değiştirilmiş.");
    }

    [Fact]
    public async Task A_later_revision_that_adds_an_annotation_is_permitted_after_an_approval_signature_and_reported()
    {
        var signed = (await TestSigner.SignPdfAsync(fx, Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"])).Pdf;
        var file = PdfFile.Load(signed);
        var pageRef = (PdfReference)((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0];
        var page = ((PdfDictionary)file.GetObject(pageRef.Number)!).Clone();
        var update = new PdfIncrementalUpdate(file);
        var note = new PdfDictionary();
        note["Type"] = new PdfName("Annot");
        note["Subtype"] = new PdfName("FreeText");
        note["Rect"] = new PdfArray([new PdfNumber(300), new PdfNumber(500), new PdfNumber(500), new PdfNumber(540)]);
        note["Contents"] = PdfString.FromText("Net tutar: 99.999,00 TL");
        note["DA"] = PdfString.FromText("/Helv 12 Tf 0 g");
        var annots = new PdfArray(((PdfArray)file.Resolve(page["Annots"])!).Items);
        annots.Items.Add(update.Add(note));
        page["Annots"] = annots;
        update.Replace(pageRef.Number, page);
        var tampered = update.Build().Bytes;

        var report = await Validators.Online(fx).ValidatePdfAsync(tampered);
        // No certification: DocMDP P=3 semantics (annotations permitted); the change is listed and named in the reason.
        report.Signatures[0].Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures[0].CoversWholeDocument.ShouldBeFalse();
        report.Signatures[0].Findings.ShouldContain(f => f.StartsWith("PERMITTED_CHANGE: ANNOTATION_ADDED", StringComparison.Ordinal));
        report.Signatures[0].Reason.ShouldContain("1. sayfaya serbest metin açıklaması eklenmiş");
    }

    [Fact]
    public async Task Offline_validation_of_a_pdf_is_indeterminate()
    {
        var signed = (await TestSigner.SignPdfAsync(fx, Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"])).Pdf;
        var report = await Validators.Unreachable(fx).ValidatePdfAsync(signed);
        report.Indication.ShouldBe(Indication.Indeterminate);
        report.SubIndication.ShouldBe(SubIndication.TryLater);
    }

    private static byte[] Render() => PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());

    private async Task<byte[]> SignedTwiceAsync()
    {
        var first = await TestSigner.SignPdfAsync(fx, Render(), SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        return (await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"])).Pdf;
    }

    private string PdfSig(byte[] pdf) => Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, fx.TempFile("check.pdf", pdf)).Output;
}

[Collection(PkiCollection.Name)]
public sealed class MalformedInputTests(PkiFixture fx)
{
    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(5000)]
    public async Task Truncated_or_garbage_input_gives_a_failed_report_not_an_exception(int keep)
    {
        var signed = (await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer,
            fx.Pki["ayse"], Common.SignatureLevel.BaselineB)).Pdf;
        var input = keep == 0 ? Encoding.ASCII.GetBytes("%PDF-1.7\nnot really a pdf") : signed[..keep];
        var report = await Validators.Online(fx).ValidatePdfAsync(input);
        report.Indication.ShouldBe(Indication.TotalFailed);

        var cades = await Validators.Online(fx).ValidateCadesAsync(input, input);
        cades.SubIndication.ShouldBe(SubIndication.FormatFailure);
    }
}
