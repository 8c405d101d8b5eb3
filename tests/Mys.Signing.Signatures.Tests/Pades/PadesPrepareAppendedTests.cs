using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Pades;

/// <summary>
/// Prepare without assembling the whole file (<see cref="PadesService.PrepareAppended"/>): the appended bytes, hashed
/// in place after the original, give the same revision and digest as the whole-file prepare, and complete to a valid signature.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class PadesPrepareAppendedTests(PkiFixture fx)
{
    [Fact]
    public async Task The_appended_bytes_after_the_original_are_the_prepared_file_and_sign_to_a_valid_signature()
    {
        var signer = fx.Pki["ayse"];
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var request = new PadesPrepareRequest(pdf, SignerFields.RealizationOfficer, signer.CertificateDer, chain);

        var appended = service.PrepareAppended(request).Value;
        var whole = service.Prepare(request).Value;

        appended.AppendedAt.ShouldBe(pdf.Length);
        appended.Pdf.Length.ShouldBe(whole.Pdf.Length - pdf.Length);
        whole.AppendedAt.ShouldBe(0);
        whole.Pdf.AsSpan(0, pdf.Length).SequenceEqual(pdf).ShouldBeTrue("the original is never changed");
        appended.ContentsOffset.ShouldBe(whole.ContentsOffset);
        appended.ContentsHexLength.ShouldBe(whole.ContentsHexLength);

        var assembled = pdf.Concat(appended.Pdf).ToArray();
        long[] range = [0, appended.ContentsOffset - 1, appended.ContentsOffset + appended.ContentsHexLength + 1, 0];
        range[3] = assembled.Length - range[2];
        System.Text.Encoding.ASCII.GetString(appended.Pdf).ShouldContain($"/ByteRange [0 {range[1]} {range[2]} {range[3]}]");
        assembled[(int)range[1]].ShouldBe((byte)'<');
        assembled[(int)range[2] - 1].ShouldBe((byte)'>');
        PdfSignaturePlaceholder.Digest(assembled, range, DigestAlgorithm.Sha256).ShouldBe(appended.DocumentDigest, "the digest hashed in two parts is the whole file's");

        await Should.ThrowAsync<ArgumentException>(() => service.CompleteAsync(appended, signer.SignDigest(appended.DataToSign, DigestAlgorithm.Sha256.Name())));
        var done = await service.CompleteInPlaceAsync(appended.WithWholePdf(assembled), signer.SignDigest(appended.DataToSign, DigestAlgorithm.Sha256.Name()));
        done.IsSuccess.ShouldBeTrue();
        (await Validators.Online(fx).ValidatePdfAsync(done.Value.Pdf)).Indication.ShouldBe(Indication.TotalPassed);
    }

    [Fact]
    public void A_range_hashed_across_the_two_parts_equals_the_range_of_the_joined_bytes()
    {
        var head = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var tail = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var joined = head.Concat(tail).ToArray();
        foreach (long[] range in new[] { new long[] { 0, 100, 150, 350 }, [0, 320, 400, 100], [0, 300, 300, 200], [0, 0, 0, 500] })
        {
            PdfSignaturePlaceholder.Digest(head, tail, range, DigestAlgorithm.Sha256)
                .ShouldBe(PdfSignaturePlaceholder.Digest(joined, range, DigestAlgorithm.Sha256));
        }

        Should.Throw<ArgumentOutOfRangeException>(() => PdfSignaturePlaceholder.Digest(head, tail, [0, 100, 150, 351], DigestAlgorithm.Sha256));
    }
}
