using Mys.Signing.Cli.Commands;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Cli;

/// <summary><c>mys verify</c>: the server's validator on files, with the verdict as exit code.</summary>
[Collection(PkiCollection.Name)]
public sealed class MysVerifyTests(PkiFixture fx)
{
    [Fact]
    public async Task A_pdf_signed_by_both_signers_passes_with_exit_code_0()
    {
        var file = fx.TempFile("oeb.pdf", await SignedTwiceAsync());

        var (code, output) = await RunAsync("verify", file, "--trust", fx.RootPem);

        code.ShouldBe(0, output);
        output.ShouldStartWith("TOTAL-PASSED");
        output.ShouldContain("10000000146");
        output.ShouldContain("12345678950");
    }

    [Fact]
    public async Task A_tampered_pdf_fails_with_exit_code_1_and_json_says_why()
    {
        var signed = await SignedTwiceAsync();
        signed[signed.AsSpan().IndexOf("stream\n"u8) + 60] ^= 0x01;

        var (code, output) = await RunAsync("verify", fx.TempFile("tampered.pdf", signed), "--trust", fx.RootPem, "--json");

        code.ShouldBe(1, output);
        output.ShouldContain("\"indication\": \"TOTAL-FAILED\"");
        output.ShouldContain("HASH_FAILURE");
    }

    [Fact]
    public async Task Without_revocation_data_or_without_the_trust_anchor_the_verdict_is_indeterminate_exit_code_2()
    {
        var file = fx.TempFile("oeb.pdf", await SignedTwiceAsync());

        (await RunAsync("verify", file, "--trust", fx.RootPem, "--offline")).Code.ShouldBe(2);
        (await RunAsync("verify", file)).Code.ShouldBe(2);
    }

    [Fact]
    public async Task An_attack_appended_after_signing_fails_with_the_reason_on_the_first_line_even_without_trust_or_revocation()
    {
        var signed = await SignedTwiceAsync();
        var file = fx.TempFile("attacked.pdf", Validation.PdfAttackBuilder.Concat(signed, "5 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n"));

        var (code, output) = await RunAsync("verify", file, "--offline");

        code.ShouldBe(1, output);
        var lines = output.Split('\n');
        lines[0].ShouldStartWith("TOTAL-FAILED — Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı");
        lines[1].ShouldStartWith("  GerceklestirmeGorevlisi: TOTAL-FAILED / CHANGE_NOT_PERMITTED — Belgenin son sürümünden sonra");
        output.ShouldContain("UNSIGNED_BYTES_AFTER_LAST_REVISION: ");
    }

    [Fact]
    public async Task A_detached_cades_signature_is_checked_against_its_content()
    {
        var content = "ek dosya içeriği"u8.ToArray();
        var p7s = fx.TempFile("ek.txt.p7s", await TestCades.SignAsync(fx, content, fx.Pki["ayse"]));

        (await RunAsync("verify", p7s, "--content", fx.TempFile("ek.txt", content), "--trust", fx.RootPem)).Code.ShouldBe(0);
        (await RunAsync("verify", p7s, "--content", fx.TempFile("other.txt", "başka"u8.ToArray()), "--trust", fx.RootPem)).Code.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_arguments_are_usage_errors()
    {
        (await RunAsync("verify", "/no/such/file.pdf")).Code.ShouldBe(CommandLine.Usage);
        (await RunAsync("verify", fx.TempFile("x.bin", [1, 2, 3]))).Code.ShouldBe(CommandLine.Usage);
    }

    private async Task<byte[]> SignedTwiceAsync()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var first = await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        return (await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"])).Pdf;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout + stderr.ToString());
    }
}
