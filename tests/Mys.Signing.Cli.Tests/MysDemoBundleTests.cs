using System.IO.Compression;
using Mys.Signing.Cli.Commands;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.TestSupport.Pki;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Cli.Tests;

/// <summary>
/// <c>mys demo-bundle</c> writes files that independent tools accept (pdfsig, openssl cms, qpdf) and that
/// <c>mys verify</c> passes; a changed file inside the bundle fails.
/// </summary>
public sealed class MysDemoBundleTests(DemoBundleFixture fx) : IClassFixture<DemoBundleFixture>
{
    // The bundle is made once for the class (a dev PKI, a rendered and twice signed ÖEB, a sealed ASiC-E): the tests only
    // read it, and write what they need (an NSS database, an unpacked or tampered copy) to their own paths under the root.
    private readonly string _root = fx.Root;

    private string Out => fx.Out;

    private string RootPem => Path.Combine(Out, "trust", "root.pem");

    [Fact]
    public void The_bundle_folder_has_every_promised_file()
    {
        foreach (var name in new[] { "oeb.pdf", "bundle.asice", DemoBundleCommand.AttachmentName, DemoBundleCommand.AttachmentName + ".p7s", "trust/root.pem" })
        {
            File.Exists(Path.Combine(Out, name)).ShouldBeTrue(name);
        }
    }

    [Fact]
    public void Pdfsig_accepts_both_signatures_and_qpdf_finds_no_error()
    {
        var nss = Path.Combine(_root, "nss-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(nss);
        ExternalTools.Run("certutil", "-N", "-d", "sql:" + nss, "--empty-password").ExitCode.ShouldBe(0);
        ExternalTools.Run("certutil", "-A", "-d", "sql:" + nss, "-n", "root", "-t", "CT,C,C", "-i", RootPem).ExitCode.ShouldBe(0);

        var pdfsig = ExternalTools.Run("pdfsig", "-nssdir", "sql:" + nss, Path.Combine(Out, "oeb.pdf")).Output;

        pdfsig.Split("Signature is Valid").Length.ShouldBe(3, pdfsig);
        pdfsig.Split("Certificate is Trusted").Length.ShouldBe(3, pdfsig);
        pdfsig.ShouldContain("Total document signed");
        ExternalTools.Run("qpdf", "--check", Path.Combine(Out, "oeb.pdf")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Openssl_accepts_the_attachment_signature_and_the_bundle_seal()
    {
        var attachment = Path.Combine(Out, DemoBundleCommand.AttachmentName);
        ExternalTools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", attachment + ".p7s", "-content", attachment,
            "-CAfile", RootPem, "-purpose", "any", "-out", "/dev/null").ExitCode.ShouldBe(0);

        var unpacked = Path.Combine(_root, "unpacked-" + Guid.NewGuid().ToString("N"));
        ZipFile.ExtractToDirectory(Path.Combine(Out, "bundle.asice"), unpacked);
        ExternalTools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(unpacked, "META-INF", "signature.p7s"),
            "-content", Path.Combine(unpacked, "META-INF", "ASiCManifest.xml"), "-CAfile", RootPem, "-purpose", "any", "-out", "/dev/null").ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(unpacked, "mimetype")).ShouldBe("application/vnd.etsi.asic-e+zip");
    }

    [Fact]
    public async Task Mys_verify_passes_every_output_offline_and_fails_a_bundle_whose_attachment_was_replaced()
    {
        foreach (var (file, extra) in new[]
                 {
                     ("oeb.pdf", Array.Empty<string>()),
                     (DemoBundleCommand.AttachmentName + ".p7s", ["--content", Path.Combine(Out, DemoBundleCommand.AttachmentName)]),
                     ("bundle.asice", Array.Empty<string>()),
                 })
        {
            var (code, output) = await VerifyAsync([Path.Combine(Out, file), "--offline", "--trust", RootPem, .. extra]);
            code.ShouldBe(0, file + "\n" + output);
            output.ShouldNotContain("INDETERMINATE", customMessage: file + " carries its own OCSP/CRL answers (B-LT)");
        }

        var tampered = Path.Combine(_root, Guid.NewGuid().ToString("N") + "-tampered.asice");
        File.Copy(Path.Combine(Out, "bundle.asice"), tampered);
        using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
        {
            zip.GetEntry(DemoBundleCommand.AttachmentName)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(DemoBundleCommand.AttachmentName).Open());
            writer.Write("<VarlikIslemFisi no=\"değiştirilmiş\" />");
        }

        var (tamperedCode, tamperedOutput) = await VerifyAsync([tampered, "--trust", RootPem]);
        tamperedCode.ShouldBe(1, tamperedOutput);
        tamperedOutput.ShouldContain("değiştirilmiş");
    }

    private static async Task<(int Code, string Output)> VerifyAsync(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["verify", .. args], stdout, stderr);
        return (code, stdout + stderr.ToString());
    }
}

/// <summary>The output of one <c>mys demo-bundle</c> run and the dev OCSP/CRL services its certificates point at.</summary>
public sealed class DemoBundleFixture : IAsyncLifetime
{
    private Microsoft.AspNetCore.Builder.WebApplication? _services;

    public string Root { get; } = Directory.CreateTempSubdirectory("mys-demo-bundle-").FullName;

    public string Out => Path.Combine(Root, "out");

    private string Pki => Path.Combine(Root, "pki");

    public async Task InitializeAsync()
    {
        // The port is chosen before the bundle is made (the certificates name it) and bound only after: another process
        // may take it in between on a busy machine, so the bundle is made again on a new port when the bind fails.
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = $"http://127.0.0.1:{DevPkiHost.FreeLoopbackPort()}/devpki";
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await CommandLine.RunAsync(["demo-bundle", "--out", Out, "--pki", Pki, "--base-url", baseUrl], stdout, stderr);
            code.ShouldBe(0, stderr.ToString());
            try
            {
                // The certificates point at the dev OCSP/CRL services: run them so verifiers can check revocation.
                _services = await DevPkiHost.StartAsync(DevPkiStore.LoadOrCreate(Pki, new DevPkiOptions { BaseUrl = baseUrl }, TimeProvider.System));
                return;
            }
            catch (IOException ex) when (attempt < 3 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                Directory.Delete(Out, recursive: true);
                Directory.Delete(Pki, recursive: true);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
