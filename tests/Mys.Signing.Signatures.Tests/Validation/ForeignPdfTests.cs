using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>Our validator must agree with pdfsig on signatures we did not make (poppler/NSS signs the first field).</summary>
[Collection(PkiCollection.Name)]
public sealed class ForeignPdfTests(PkiFixture fx)
{
    [Fact]
    public async Task A_pdfsig_signature_validates_and_our_signature_can_follow_it()
    {
        var nss = SigningNssDb();
        var input = fx.TempFile("unsigned.pdf", PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        var output = Path.Combine(fx.Folder, Guid.NewGuid().ToString("N") + "-pdfsig.pdf");
        var (code, text) = Tools.Run("pdfsig", "-nssdir", "sql:" + nss, "-sign", SignerFields.RealizationOfficer, "-nick", "ayse", "-reason", "dis imza",
            input, output);
        code.ShouldBe(0, text);
        var foreign = File.ReadAllBytes(output);

        var report = await Validators.Online(fx).ValidatePdfAsync(foreign);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Single().Tckn.ShouldBe("10000000146");

        var ours = await TestSigner.SignPdfAsync(fx, foreign, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);
        var path = fx.TempFile("both.pdf", ours.Pdf);
        var pdfsig = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path).Output;
        pdfsig.Split("Signature is Valid.").Length.ShouldBe(3, pdfsig);
        (await Validators.Online(fx).ValidatePdfAsync(ours.Pdf)).Indication.ShouldBe(Indication.TotalPassed);

        var tampered = foreign.ToArray();
        tampered[tampered.AsSpan().IndexOf("stream\n"u8) + 40] ^= 0x04;
        Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, fx.TempFile("t.pdf", tampered)).Output.ShouldContain("Digest Mismatch");
        (await Validators.Online(fx).ValidatePdfAsync(tampered)).SubIndication.ShouldBe(SubIndication.HashFailure);
    }

    private string SigningNssDb()
    {
        var dir = Path.Combine(fx.Folder, "nss-signing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var p12 = Path.Combine(dir, "ayse.p12");
        Tools.Run("openssl", "pkcs12", "-export", "-in", Path.Combine(fx.Folder, "ayse.crt.pem"), "-inkey", Path.Combine(fx.Folder, "ayse.key.pem"),
            "-certfile", Path.Combine(fx.Folder, "issuing-ca.crt.pem"), "-name", "ayse", "-out", p12, "-passout", "pass:x").ExitCode.ShouldBe(0);
        Tools.Run("certutil", "-N", "-d", "sql:" + dir, "--empty-password").ExitCode.ShouldBe(0);
        Tools.Run("certutil", "-A", "-d", "sql:" + dir, "-n", "root", "-t", "CT,C,C", "-i", fx.RootPem).ExitCode.ShouldBe(0);
        Tools.Run("pk12util", "-i", p12, "-d", "sql:" + dir, "-W", "x").ExitCode.ShouldBe(0);
        return dir;
    }
}
