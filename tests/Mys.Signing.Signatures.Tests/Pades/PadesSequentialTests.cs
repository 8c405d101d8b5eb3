using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Pades;

[Collection(PkiCollection.Name)]
public sealed class PadesSequentialTests(PkiFixture fx)
{
    [Fact]
    public async Task Two_sequential_signatures_both_validate_in_pdfsig_and_pass_qpdf()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var first = await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var second = await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);

        var path = fx.TempFile("signed2.pdf", second.Pdf);
        var (code, output) = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path);
        code.ShouldBe(0, output);
        output.Split("Signature is Valid.").Length.ShouldBe(3, output);
        output.Split("Certificate is Trusted.").Length.ShouldBe(3, output);
        output.ShouldContain("Total document signed");
        output.ShouldContain("ETSI.CAdES.detached");
        Tools.Run("qpdf", "--check", path).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Prepared_state_survives_json_round_trip_and_sha384()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var signer = fx.Pki["ipek"];
        var chain = fx.Pki.ChainFor(signer).Select(c => c.GetEncoded()).ToList();
        var prepared = service.Prepare(new PadesPrepareRequest(pdf, SignerFields.AccountingOfficer, signer.CertificateDer, chain) { Digest = DigestAlgorithm.Sha384 });
        var restored = PadesPrepared.FromJson(prepared.Value.ToJson());
        var completed = await service.CompleteAsync(restored, signer.SignDigest(restored.DataToSign, DigestAlgorithm.Sha384.Name()));
        completed.IsSuccess.ShouldBeTrue();
        var path = fx.TempFile("sha384.pdf", completed.Value.Pdf);
        var (_, output) = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path);
        output.ShouldContain("Signature is Valid.");
        output.ShouldContain("SHA-384");
    }

    [Fact]
    public async Task Complete_rejects_a_signature_value_from_another_key()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var signer = fx.Pki["ayse"];
        var prepared = service.Prepare(new PadesPrepareRequest(pdf, SignerFields.RealizationOfficer, signer.CertificateDer, []));
        var wrong = fx.Pki["ipek"].SignDigest(prepared.Value.DataToSign, DigestAlgorithm.Sha256.Name());
        var completed = await service.CompleteAsync(prepared.Value, wrong);
        completed.Error.ShouldBe(SignatureErrors.BadSignatureValue);
    }

    [Fact]
    public async Task Signing_an_already_signed_field_is_refused()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var first = await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"], SignatureLevel.BaselineB);
        var service = new PadesService(fx.Tsa, TimeProvider.System);
        var again = service.Prepare(new PadesPrepareRequest(first.Pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"].CertificateDer, []));
        again.Error.ShouldBe(SignatureErrors.FieldAlreadySigned);
    }
}
