using Mys.Signing.Signatures.Rendering;
using System.IO.Compression;
using System.Security.Cryptography;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Signatures.Tests.Asic;

[Collection(PkiCollection.Name)]
public sealed class AsicContainerTests(PkiFixture fx)
{
    [Theory]
    [InlineData("image/jpeg", false, CompressionLevel.NoCompression)]
    [InlineData("image/png", true, CompressionLevel.NoCompression)]
    [InlineData("application/zip", true, CompressionLevel.NoCompression)]
    [InlineData("application/xml", false, CompressionLevel.Optimal)]
    [InlineData("text/plain; charset=utf-8", false, CompressionLevel.Optimal)]
    [InlineData("application/pdf", true, CompressionLevel.Fastest)]
    [InlineData("application/pdf", false, CompressionLevel.NoCompression)]
    [InlineData("application/octet-stream", false, CompressionLevel.NoCompression)]
    public void Files_are_deflated_only_when_they_shrink(string mediaType, bool compressible, CompressionLevel expected)
    {
        var start = new byte[64 * 1024];
        if (compressible)
        {
            System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("BT /F1 9 Tf 56 770 Td (ODEME EMRI) Tj ET\n", 2000))).AsSpan(0, start.Length).CopyTo(start);
        }
        else
        {
            new Random(1).NextBytes(start);
        }

        AsicContainerWriter.CompressionFor(mediaType, start).ShouldBe(expected);
    }

    [Fact]
    public async Task A_sealed_bundle_passes_and_lists_every_file_with_its_hash()
    {
        var report = await ValidateAsync(await BundleAsync());

        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Findings.Count(f => f.Contains("özet doğru", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task A_removed_file_is_a_hash_failure()
    {
        var report = await ValidateAsync(Edit(await BundleAsync(), zip => zip.GetEntry("ek.xml")!.Delete()));

        report.Indication.ShouldBe(Indication.TotalFailed);
        report.SubIndication.ShouldBe(SubIndication.HashFailure);
        report.Findings.ShouldContain(f => f.Contains("'ek.xml' kapta yok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_added_after_sealing_is_a_format_failure()
    {
        var report = await ValidateAsync(Edit(await BundleAsync(), zip =>
        {
            using var writer = new StreamWriter(zip.CreateEntry("sonradan.txt").Open());
            writer.Write("eklendi");
        }));

        report.Indication.ShouldBe(Indication.TotalFailed);
        report.SubIndication.ShouldBe(SubIndication.FormatFailure);
    }

    [Fact]
    public async Task A_zip_whose_first_entry_is_not_the_stored_mimetype_or_not_a_zip_at_all_is_a_format_failure()
    {
        using var plainZip = new MemoryStream();
        using (var zip = new ZipArchive(plainZip, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("oeb.pdf");
        }

        (await ValidateAsync(plainZip.ToArray())).SubIndication.ShouldBe(SubIndication.FormatFailure);
        (await ValidateAsync("not a zip"u8.ToArray())).SubIndication.ShouldBe(SubIndication.FormatFailure);
    }

    [Fact]
    public async Task The_manifest_lists_sha256_of_each_file_and_is_what_the_seal_signed()
    {
        var bundle = await BundleAsync();
        using var zip = new ZipArchive(new MemoryStream(bundle));
        using var manifestStream = new MemoryStream();
        await zip.GetEntry(AsicManifest.Path)!.Open().CopyToAsync(manifestStream);

        var listed = AsicManifest.Read(manifestStream.ToArray())!;

        listed.Select(l => l.Name).ShouldBe(["oeb.pdf", "ek.xml"]);
        listed[1].Sha256.ShouldBe(SHA256.HashData("<ek/>"u8.ToArray()));
        zip.Entries[0].FullName.ShouldBe("mimetype");
        zip.Entries[0].CompressedLength.ShouldBe(zip.Entries[0].Length);
    }

    [Fact]
    public async Task A_bundle_sealed_at_cades_lt_verifies_offline_and_openssl_accepts_its_seal_without_lt_it_is_indeterminate()
    {
        var longTerm = await BundleAsync(new SealValidationData(new HttpRevocationDataClient(fx.Http), [fx.Pki.Root.CertificateDer]));

        var offline = await ValidateAsync(longTerm, new OfflineRevocationDataClient());
        offline.Indication.ShouldBe(Indication.TotalPassed, offline.ToJson());
        offline.Signatures[0].Level.ShouldBe("B-LT");
        offline.Signatures[0].Revocation!.Status.ShouldBe("GOOD");
        (await ValidateAsync(await BundleAsync(), new OfflineRevocationDataClient())).Indication.ShouldBe(Indication.Indeterminate);

        using var zip = new ZipArchive(new MemoryStream(longTerm));
        var seal = fx.TempFile("signature.p7s", Read(zip, AsicManifest.SignaturePath));
        var manifest = fx.TempFile("manifest.xml", Read(zip, AsicManifest.Path));
        var print = Tools.Run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", seal).Output;
        print.ShouldContain("id-smime-aa-ets-revocationValues");
        print.ShouldContain("id-smime-aa-ets-certValues");
        var verify = Tools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", seal, "-content", manifest, "-CAfile", fx.RootPem,
            "-purpose", "any", "-out", "/dev/null");
        verify.ExitCode.ShouldBe(0, verify.Output);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var target = new MemoryStream();
        using (var source = zip.GetEntry(name)!.Open())
        {
            source.CopyTo(target);
        }

        return target.ToArray();
    }

    private async Task<byte[]> BundleAsync(SealValidationData? longTerm = null)
    {
        var pdf = Mys.Signing.Signatures.Rendering.PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        using var output = new MemoryStream();
        using var seal = fx.Pki.SealSigner();
        var writer = new AsicContainerWriter(new CadesService(fx.Tsa, TimeProvider.System), seal, longTerm);
        var written = await writer.WriteAsync(output,
        [
            AsicFile.FromBytes("oeb.pdf", "application/pdf", pdf),
            AsicFile.FromBytes("ek.xml", "application/xml", "<ek/>"u8.ToArray()),
        ]);
        written.IsSuccess.ShouldBeTrue(written.Error?.ToString());
        return output.ToArray();
    }

    private Task<ValidationReport> ValidateAsync(byte[] bundle, IRevocationDataClient? revocation = null)
    {
        var options = Validators.Options(fx);
        revocation ??= new HttpRevocationDataClient(fx.Http);
        var validator = new AsicContainerValidator(
            new SignatureValidator(options, revocation, TimeProvider.System),
            new SignatureValidator(AsicContainerValidator.SealOptions(options), revocation, TimeProvider.System),
            TimeProvider.System);
        return validator.ValidateAsync(new MemoryStream(bundle));
    }

    private static byte[] Edit(byte[] bundle, Action<ZipArchive> edit)
    {
        var copy = new MemoryStream();
        copy.Write(bundle);
        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            edit(zip);
        }

        return copy.ToArray();
    }
}
