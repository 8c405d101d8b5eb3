using Mys.Signing.Cli.Commands;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.TestSupport.Pki;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Cli.Tests;

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
        var file = fx.TempFile("attacked.pdf", [.. signed, .. "5 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n"u8]);

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

    [Fact]
    public async Task A_broken_or_locked_file_gets_its_own_verdict_and_the_batch_goes_on()
    {
        var good = fx.TempFile("good.pdf", await SignedTwiceAsync());
        var garbage = fx.TempFile("garbage.pdf", [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 31))]);
        var plain = fx.TempFile("plain.pdf", PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        var locked = plain + ".locked.pdf";
        ExternalTools.Run("qpdf", "--encrypt", "geheim", "owner", "256", "--", plain, locked).ExitCode.ShouldBe(0);
        var junkHeader = fx.TempFile("junk-header.pdf", [.. new byte[300], .. await SignedTwiceAsync()]);

        var (code, output) = await RunAsync("verify", garbage, locked, good, junkHeader, "--trust", fx.RootPem);

        code.ShouldBe(1, output);
        var sections = output.Split(".pdf:\n");
        sections.Length.ShouldBe(5, output);
        sections[1].StartsWith("TOTAL-FAILED", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[1].Contains("PDF_UNREADABLE: NOT_PDF", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[2].StartsWith("INDETERMINATE", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[2].Contains("PDF_ENCRYPTED_UNSUPPORTED", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[3].StartsWith("TOTAL-PASSED", StringComparison.Ordinal).ShouldBeTrue(output);
        // 300 bytes prepended: both signatures are still found, but their byte ranges no longer match.
        sections[4].StartsWith("TOTAL-FAILED", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[4].Contains(SignerFields.RealizationOfficer + ": TOTAL-FAILED / FORMAT_FAILURE", StringComparison.Ordinal).ShouldBeTrue(output);
        sections[4].Contains(SignerFields.SpendingAuthority + ": TOTAL-FAILED / FORMAT_FAILURE", StringComparison.Ordinal).ShouldBeTrue(output);
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
