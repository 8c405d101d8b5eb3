using System.Text;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using static Mys.Signing.Signatures.Tests.Validation.CmsAlgorithmTests;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// PDF signatures of other producers on a rendered ÖEB: the /SubFilter decides how the CMS relates to the byte range
/// (detached, or the SHA-1 of the byte range encapsulated for adbe.pkcs7.sha1), and pdfsig agrees where NSS can verify.
/// </summary>
public sealed class PdfSubFilterTests : IDisposable
{
    private static readonly Lazy<byte[]> Rendered = new(() => PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-subfilter-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData("adbe.pkcs7.detached", "RSA/sha256WithRSA", true)]
    [InlineData("adbe.pkcs7.detached", "ECDSA/P-256/SHA-384", true)]
    [InlineData("adbe.pkcs7.detached", "RSA-PSS/SHA-256/MGF1-SHA-256/salt-32", true)]
    [InlineData("adbe.pkcs7.detached", "ECDSA-plain/brainpoolP256r1/SHA-256", false)]
    [InlineData("adbe.pkcs7.detached", "Ed448", false)]
    [InlineData("adbe.pkcs7.detached", "Ed25519", false)]
    [InlineData("ETSI.CAdES.detached", "ECDSA-plain/P-256/SHA3-256", false)]
    public async Task A_detached_foreign_signature_verifies_and_a_changed_byte_fails(string subFilter, string algorithm, bool pdfsigCanVerify)
    {
        var (pdf, content, fill) = Prepare(subFilter);
        var signed = fill(TestCmsBuilder.Sign(Get(algorithm), content));
        var signature = await ValidateAsync(signed);
        IntegrityHolds(signature);
        if (pdfsigCanVerify)
        {
            var pdfsig = PdfSig(signed);
            pdfsig.ShouldContain("Signature is Valid.", customMessage: pdfsig);
        }

        var tampered = ChangeOneByte(signed, pdf);
        var broken = await ValidateAsync(tampered);
        broken.Indication.ShouldBe(Indication.TotalFailed, Describe(broken));
        broken.SubIndication.ShouldBe(SubIndication.HashFailure);
        broken.Findings.ShouldContain("MESSAGE_DIGEST_MISMATCH");
        if (pdfsigCanVerify)
        {
            PdfSig(tampered).ShouldContain("Digest Mismatch");
        }
    }

    [Theory]
    [InlineData("RSA/sha1WithRSA", true, true)]
    [InlineData("RSA/sha1WithRSA", false, true)]
    // pdfsig (poppler) hashes the byte range with the signer's digest algorithm instead of SHA-1, so with a SHA-256 signer
    // it reports "Digest Mismatch" for an intact adbe.pkcs7.sha1 signature; ISO 32000-1 12.8.3.3.1 says SHA-1.
    [InlineData("RSA/sha256WithRSA", true, false)]
    [InlineData("ECDSA/P-256/SHA-256", true, false)]
    [InlineData("ECDSA-plain/P-256/SHA-1", false, false)]
    [InlineData("Ed25519", false, false)]
    [InlineData("Ed448", true, false)]
    public async Task An_adbe_pkcs7_sha1_signature_verifies_over_the_encapsulated_digest(string algorithm, bool signedAttributes, bool pdfsigCanVerify)
    {
        var (pdf, content, fill) = Prepare("adbe.pkcs7.sha1");
        var sha1 = TestCmsBuilder.Digest(Sha1, content);
        var signed = fill(TestCmsBuilder.Sign(Get(algorithm), sha1, signedAttributes, encapsulate: true));
        var signature = await ValidateAsync(signed);
        IntegrityHolds(signature);
        signature.Findings.ShouldContain("WEAK_DIGEST_ALGORITHM: SHA-1");
        if (pdfsigCanVerify)
        {
            var pdfsig = PdfSig(signed);
            pdfsig.ShouldContain("Signature is Valid.", customMessage: pdfsig);
        }

        var tampered = ChangeOneByte(signed, pdf);
        var broken = await ValidateAsync(tampered);
        broken.Indication.ShouldBe(Indication.TotalFailed, Describe(broken));
        broken.SubIndication.ShouldBe(SubIndication.HashFailure);
        broken.Findings.ShouldContain("ENCAPSULATED_DIGEST_MISMATCH");
        if (pdfsigCanVerify)
        {
            PdfSig(tampered).ShouldContain("Digest Mismatch");
        }
    }

    [Fact]
    public async Task An_adbe_pkcs7_sha1_signature_over_another_digest_fails()
    {
        var (_, content, fill) = Prepare("adbe.pkcs7.sha1");
        var wrong = TestCmsBuilder.Digest(Sha1, [.. content, 0]);
        var signature = await ValidateAsync(fill(TestCmsBuilder.Sign(Get("RSA/sha256WithRSA"), wrong, encapsulate: true)));
        signature.SubIndication.ShouldBe(SubIndication.HashFailure);
        signature.Findings.ShouldContain("ENCAPSULATED_DIGEST_MISMATCH");
    }

    [Fact]
    public async Task A_changed_signature_value_under_adbe_pkcs7_sha1_is_a_crypto_failure()
    {
        var (_, content, fill) = Prepare("adbe.pkcs7.sha1");
        var cms = TestCmsBuilder.Sign(Get("ECDSA-plain/P-256/SHA-256"), TestCmsBuilder.Digest(Sha1, content), signedAttributes: false, encapsulate: true);
        cms[^1] ^= 0x01;
        var signature = await ValidateAsync(fill(cms));
        signature.SubIndication.ShouldBe(SubIndication.SigCryptoFailure, Describe(signature));
        signature.Findings.ShouldContain("SIGNATURE_VALUE_INVALID");
    }

    [Fact]
    public async Task A_CMS_without_content_under_adbe_pkcs7_sha1_is_a_format_failure()
    {
        var (_, content, fill) = Prepare("adbe.pkcs7.sha1");
        var signature = await ValidateAsync(fill(TestCmsBuilder.Sign(Get("RSA/sha256WithRSA"), content)));
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldBe(["CMS_CONTENT_MISSING"]);
    }

    [Fact]
    public async Task A_CMS_with_encapsulated_content_under_a_detached_subfilter_is_a_format_failure()
    {
        var (_, content, fill) = Prepare("adbe.pkcs7.detached");
        var signature = await ValidateAsync(fill(TestCmsBuilder.Sign(Get("RSA/sha256WithRSA"), TestCmsBuilder.Digest(Sha1, content), encapsulate: true)));
        signature.Indication.ShouldBe(Indication.TotalFailed);
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldContain("CMS_CONTENT_NOT_DETACHED");
    }

    [Fact]
    public async Task An_unknown_subfilter_is_a_format_failure()
    {
        var (_, content, fill) = Prepare("mys.bogus.format");
        var signature = await ValidateAsync(fill(TestCmsBuilder.Sign(Get("RSA/sha1WithRSA"), content)));
        signature.Indication.ShouldBe(Indication.TotalFailed);
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldContain("SUBFILTER_UNSUPPORTED: mys.bogus.format");
    }

    [Fact]
    public async Task The_legacy_x509_subfilter_is_undecided_not_failed()
    {
        var (_, content, fill) = Prepare("adbe.x509.rsa_sha1");
        var signature = await ValidateAsync(fill(TestCmsBuilder.Sign(Get("RSA/sha1WithRSA"), content)));
        signature.Indication.ShouldBe(Indication.Indeterminate);
        signature.SubIndication.ShouldBe(SubIndication.SigConstraintsFailure);
        signature.Findings.ShouldContain("SUBFILTER_UNSUPPORTED: adbe.x509.rsa_sha1");
    }

    [Fact]
    public async Task A_placeholder_never_filled_is_an_empty_CMS()
    {
        var (pdf, _, _) = Prepare("ETSI.CAdES.detached");
        var signature = await ValidateAsync(pdf);
        signature.Indication.ShouldBe(Indication.TotalFailed);
        signature.SubIndication.ShouldBe(SubIndication.FormatFailure);
        signature.Findings.ShouldContain("CMS_EMPTY");
    }

    /// <summary>
    /// An ÖEB with our placeholder whose /SubFilter is rewritten (same length, padded with spaces), the signed byte-range
    /// content, and a way to put a CMS into /Contents.
    /// </summary>
    private static (byte[] Pdf, byte[] Content, Func<byte[], byte[]> Fill) Prepare(string subFilter)
    {
        var key = TestCmsBuilder.Rsa.Certificate.GetEncoded();
        var request = new PadesPrepareRequest(Rendered.Value, SignerFields.RealizationOfficer, key, []);
        var prepared = new PadesService(null, TimeProvider.System).Prepare(request);
        prepared.IsSuccess.ShouldBeTrue();
        var pdf = prepared.Value.Pdf;
        var ours = Encoding.ASCII.GetBytes("/SubFilter /ETSI.CAdES.detached");
        var at = pdf.AsSpan().LastIndexOf(ours);
        at.ShouldBeGreaterThan(0);
        subFilter.Length.ShouldBeLessThanOrEqualTo("ETSI.CAdES.detached".Length);
        Encoding.ASCII.GetBytes(("/SubFilter /" + subFilter).PadRight(ours.Length)).CopyTo(pdf, at);

        var (offset, length) = (prepared.Value.ContentsOffset, prepared.Value.ContentsHexLength);
        byte[] content = [.. pdf[..(offset - 1)], .. pdf[(offset + length + 1)..]];
        return (pdf, content, cms =>
        {
            var copy = pdf.ToArray();
            PdfSignaturePlaceholder.Fill(copy, offset, length, cms).ShouldBeTrue();
            return copy;
        });
    }

    private static byte[] ChangeOneByte(byte[] signed, byte[] unsigned)
    {
        var copy = signed.ToArray();
        copy[unsigned.AsSpan().IndexOf("stream\n"u8) + 40] ^= 0x04;
        return copy;
    }

    private static async Task<SignatureReport> ValidateAsync(byte[] pdf) => (await Validator().ValidatePdfAsync(pdf)).Signatures.Single();

    private string PdfSig(byte[] pdf)
    {
        var nss = Path.Combine(_folder, "nssdb");
        if (!Directory.Exists(nss))
        {
            Directory.CreateDirectory(nss);
            Tools.Run("certutil", "-N", "-d", "sql:" + nss, "--empty-password").ExitCode.ShouldBe(0);
        }

        return Tools.Run("pdfsig", "-nssdir", "sql:" + nss, Tools.WriteTemp(_folder, Guid.NewGuid().ToString("N") + ".pdf", pdf)).Output;
    }
}
