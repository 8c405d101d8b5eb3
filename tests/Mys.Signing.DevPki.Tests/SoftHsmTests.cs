using Mys.Signing.DevPki.Tokens;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.TestSupport.Pki;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.DevPki.Tests;

/// <summary>End to end with a real PKCS#11 module: the dev keys on SoftHSM2 tokens sign what Prepare returns.</summary>
[Collection(PkiCollection.Name)]
public sealed class SoftHsmTests(PkiFixture fx)
{
    [Fact]
    public async Task Keys_provisioned_on_softhsm_sign_a_pades_signature_that_pdfsig_accepts()
    {
        var folder = Directory.CreateTempSubdirectory("mys-softhsm-").FullName;
        var softHsm = SoftHsmEnvironment.In(folder);
        try
        {
            var created = await new SoftHsmProvisioner(softHsm.ConfigPath).ProvisionAsync(fx.Pki, ["ayse", "mehmet"], "1234", "5678");
            created.ShouldBe(["ayse", "mehmet"]);
            (await new SoftHsmProvisioner(softHsm.ConfigPath).ProvisionAsync(fx.Pki, ["ayse"], "1234", "5678")).ShouldBeEmpty();

            var service = new PadesService(fx.Tsa, TimeProvider.System);
            var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
            var rsa = service.Prepare(new PadesPrepareRequest(pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"].CertificateDer,
                fx.Pki.ChainFor(fx.Pki["ayse"]).Select(c => c.GetEncoded()).ToList())).Value;
            var rsaSignature = TokenSign(softHsm, folder, "ayse", "SHA256-RSA-PKCS", rsa.SignedAttributes);
            var first = await service.CompleteAsync(rsa, rsaSignature);
            first.IsSuccess.ShouldBeTrue(first.Error?.ToString());

            var ec = service.Prepare(new PadesPrepareRequest(first.Value.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"].CertificateDer,
                fx.Pki.ChainFor(fx.Pki["mehmet"]).Select(c => c.GetEncoded()).ToList())).Value;
            var ecSignature = TokenSign(softHsm, folder, "mehmet", "ECDSA", ec.DataToSign);
            ecSignature.Length.ShouldBe(64);
            var second = await service.CompleteAsync(ec, ecSignature);
            second.IsSuccess.ShouldBeTrue(second.Error?.ToString());

            var output = ExternalTools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, fx.TempFile("softhsm.pdf", second.Value.Pdf)).Output;
            output.Split("Signature is Valid.").Length.ShouldBe(3, output);
            output.Split("Certificate is Trusted.").Length.ShouldBe(3, output);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static byte[] TokenSign(SoftHsmEnvironment softHsm, string folder, string token, string mechanism, byte[] input)
    {
        var inputFile = Path.Combine(folder, token + ".in");
        var outputFile = Path.Combine(folder, token + ".sig");
        File.WriteAllBytes(inputFile, input);
        var (code, text) = ExternalTools.RunWithEnvironment(softHsm.Variables, "pkcs11-tool", "--module", SoftHsmEnvironment.ModulePath, "--token-label", token,
            "--login", "--pin", "1234", "--sign", "--id", "01", "-m", mechanism, "--input-file", inputFile, "--output-file", outputFile);
        code.ShouldBe(0, text);
        return File.ReadAllBytes(outputFile);
    }
}
