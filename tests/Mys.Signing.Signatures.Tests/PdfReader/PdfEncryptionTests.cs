using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>Files encrypted by qpdf with the empty user password ("owner password only") read like plain ones.</summary>
[Collection(PkiCollection.Name)]
public sealed class PdfEncryptionTests(PkiFixture fx)
{
    private const string Metadata = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">Başlık</x:xmpmeta>";

    [Theory]
    [InlineData("--allow-weak-crypto,--encrypt,,owner,40,--", 1, 2)]
    [InlineData("--allow-weak-crypto,--encrypt,,owner,128,--use-aes=n,--", 2, 3)]
    [InlineData("--encrypt,,owner,128,--use-aes=y,--", 4, 4)]
    [InlineData("--object-streams=generate,--encrypt,,owner,128,--use-aes=y,--", 4, 4)]
    [InlineData("--encrypt,,owner,256,--force-R5,--", 5, 5)]
    [InlineData("--encrypt,,owner,256,--", 5, 6)]
    [InlineData("--object-streams=generate,--encrypt,,owner,256,--", 5, 6)]
    public void Strings_and_streams_decrypt_with_the_empty_user_password(string qpdfArgs, int v, int r)
    {
        var file = PdfFile.Load(Encrypt(Source(), qpdfArgs));

        file.IsEncrypted.ShouldBeTrue();
        file.CanDecrypt.ShouldBeTrue();
        var encrypt = file.ResolveDictionary(file.Trailer["Encrypt"])!;
        ((PdfNumber)encrypt["V"]!).IntValue.ShouldBe(v);
        ((PdfNumber)encrypt["R"]!).IntValue.ShouldBe(r);
        PdfReaderRobustnessTests.AssertReadable(file);
        Content(file).ShouldContain("(Merhaba) Tj");
        Xmp(file).ShouldBe(Metadata);
    }

    [Theory]
    [InlineData("--encrypt,,owner,128,--use-aes=y,--cleartext-metadata,--")]
    [InlineData("--encrypt,,owner,256,--cleartext-metadata,--")]
    public void Metadata_left_in_clear_text_is_not_decrypted(string qpdfArgs)
    {
        var pdf = Encrypt(Source(), qpdfArgs);
        var file = PdfFile.Load(pdf);

        file.ResolveDictionary(file.Trailer["Encrypt"])!["EncryptMetadata"].ShouldBeOfType<PdfBoolean>().Value.ShouldBeFalse();
        Xmp(file).ShouldBe(Metadata);
        PdfReaderRobustnessTests.AssertReadable(file);
        Content(file).ShouldContain("(Merhaba) Tj");
    }

    [Fact]
    public async Task A_file_needing_a_user_password_loads_but_is_indeterminate_for_the_validator()
    {
        var pdf = Encrypt(Source(), "--encrypt,geheim,owner,256,--");
        var file = PdfFile.Load(pdf);

        file.IsEncrypted.ShouldBeTrue();
        file.CanDecrypt.ShouldBeFalse();
        PdfReaderRobustnessTests.Reason(() => file.Catalog).ShouldBe(PdfFormatReasons.EncryptedUnsupported);

        var report = await new SignatureValidator(Validators.Options(fx), new OfflineRevocationDataClient(), TimeProvider.System).ValidatePdfAsync(pdf);
        report.Indication.ShouldBe(Indication.Indeterminate);
        report.Findings.ShouldBe(["PDF_ENCRYPTED_UNSUPPORTED"]);
    }

    [Fact]
    public void A_public_key_security_handler_is_unsupported()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(9, "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 /Recipients [<3082>] >>")
            .Classic(trailer: "/Root 1 0 R /Info 5 0 R /Encrypt 9 0 R /ID [<0102> <0102>]");
        var file = PdfFile.Load(pdf);

        file.CanDecrypt.ShouldBeFalse();
        PdfReaderRobustnessTests.Reason(() => PdfSignatureInfo.Read(file)).ShouldBe(PdfFormatReasons.EncryptedUnsupported);
    }

    [Fact]
    public async Task A_signed_oeb_encrypted_afterwards_keeps_its_signature_contents_and_cannot_be_signed_again()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var signed = (await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"])).Pdf;
        var original = PdfSignatureInfo.Read(PdfFile.Load(signed)).Single();

        var encrypted = Encrypt(signed, "--encrypt,,owner,256,--");
        var file = PdfFile.Load(encrypted);

        file.IsEncrypted.ShouldBeTrue();
        var info = PdfSignatureInfo.Read(file).Single();
        info.FieldName.ShouldBe(SignerFields.RealizationOfficer);
        info.SubFilter.ShouldBe(original.SubFilter);
        info.Contents.ShouldBe(original.Contents); // /Contents of a signature dictionary is never encrypted
        info.SigningTime.ShouldBe(original.SigningTime);

        // The encrypting rewrite moved the signed bytes: the validator says so instead of crashing.
        var report = await Validators.Online(fx).ValidatePdfAsync(encrypted);
        report.Indication.ShouldBe(Indication.TotalFailed);
        report.Signatures.Single().FieldName.ShouldBe(SignerFields.RealizationOfficer);

        var prepare = new PadesService(fx.Tsa, TimeProvider.System).Prepare(new PadesPrepareRequest(encrypted, SignerFields.SpendingAuthority,
            fx.Pki["mehmet"].CertificateDer, fx.Pki.ChainFor(fx.Pki["mehmet"]).Select(c => c.GetEncoded()).ToList()));
        prepare.IsSuccess.ShouldBeFalse();
        Should.Throw<PdfFormatException>(() => new PdfIncrementalUpdate(file).Build()).Reason.ShouldBe(PdfFormatReasons.EncryptedUnsupported);
    }

    /// <summary>The basic test file plus a page content stream and an XMP metadata stream.</summary>
    private static byte[] Source() => TestPdfBuilder.Basic()
        .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Metadata 7 0 R >>")
        .Object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] /Contents 6 0 R >>")
        .Stream(6, string.Empty, "BT /F1 12 Tf 10 10 Td (Merhaba) Tj ET"u8.ToArray())
        .Stream(7, "/Type /Metadata /Subtype /XML", System.Text.Encoding.UTF8.GetBytes(Metadata))
        .Classic();

    private byte[] Encrypt(byte[] pdf, string qpdfArgs)
    {
        var input = fx.TempFile("plain.pdf", pdf);
        var output = input + ".enc.pdf";
        var (code, text) = Tools.Run("qpdf", [.. qpdfArgs.Split(','), input, output]);
        code.ShouldBeOneOf([0, 3], text);
        return File.ReadAllBytes(output);
    }

    private static string Content(PdfFile file)
    {
        var page = file.ResolveDictionary(((PdfArray)file.ResolveDictionary(file.Catalog["Pages"])!["Kids"]!).Items[0])!;
        return System.Text.Encoding.Latin1.GetString(PdfFilters.Decode((PdfStream)file.Resolve(page["Contents"])!));
    }

    private static string Xmp(PdfFile file) =>
        System.Text.Encoding.UTF8.GetString(PdfFilters.Decode((PdfStream)file.Resolve(file.Catalog["Metadata"])!));
}
