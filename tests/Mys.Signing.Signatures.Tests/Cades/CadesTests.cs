using System.Text;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;

namespace Mys.Signing.Signatures.Tests.Cades;

[Collection(PkiCollection.Name)]
public sealed class CadesTests(PkiFixture fx)
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("Muayene ve kabul tutanağı — ek dosya içeriği ğüşıöç");

    [Theory]
    [InlineData("ayse")]
    [InlineData("mehmet")]
    public async Task Our_CAdES_passes_openssl_and_our_validator(string signer)
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki[signer]);
        var (code, output) = OpenSslVerify(cms, Content);
        code.ShouldBe(0, output);
        output.ShouldContain("Verification successful");

        var report = await Validators.Online(fx).ValidateCadesAsync(cms, Content);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        var signature = report.Signatures.Single();
        signature.Level.ShouldBe("B-T");
        signature.Tckn.ShouldBe(fx.Pki[signer].Tckn);
        signature.Qualified.ShouldBeTrue();
        signature.ClaimedSigningTime.ShouldNotBeNull();
        signature.Revocation!.Source.ShouldBe("OCSP");
    }

    [Fact]
    public async Task Baseline_B_carries_signing_time_and_no_time_stamp()
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki["ayse"], SignatureLevel.BaselineB);
        OpenSslVerify(cms, Content).ExitCode.ShouldBe(0);
        var print = Tools.Run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", fx.TempFile("b.p7s", cms)).Output;
        print.ShouldContain("signingTime");
        print.ShouldNotContain("id-smime-aa-timeStampToken");
    }

    [Fact]
    public async Task Changed_content_is_a_hash_failure_for_openssl_and_us()
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki["ayse"]);
        var tampered = Content.ToArray();
        tampered[3] ^= 1;
        OpenSslVerify(cms, tampered).ExitCode.ShouldNotBe(0);
        var report = await Validators.Online(fx).ValidateCadesAsync(cms, tampered);
        report.Indication.ShouldBe(Indication.TotalFailed);
        report.SubIndication.ShouldBe(SubIndication.HashFailure);
    }

    [Fact]
    public async Task Swapped_certificate_is_a_crypto_failure()
    {
        var cms = await TestCades.SignAsync(fx, Content, fx.Pki["ayse"]);
        var swapped = SwapSigner(cms, fx.Pki["ipek"].CertificateDer);
        OpenSslVerify(swapped, Content).ExitCode.ShouldNotBe(0);
        var report = await Validators.Online(fx).ValidateCadesAsync(swapped, Content);
        report.Indication.ShouldBe(Indication.TotalFailed);
        report.SubIndication.ShouldBe(SubIndication.SigCryptoFailure);
    }

    [Fact]
    public async Task CMS_made_by_openssl_is_judged_like_openssl_judges_it()
    {
        var ayse = fx.Pki["ayse"];
        var content = fx.TempFile("content.bin", Content);
        var output = Path.Combine(fx.Folder, Guid.NewGuid().ToString("N") + ".p7s");
        var (code, text) = Tools.Run("openssl", "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-in", content,
            "-signer", Path.Combine(fx.Folder, "ayse.crt.pem"), "-inkey", Path.Combine(fx.Folder, "ayse.key.pem"),
            "-certfile", Path.Combine(fx.Folder, "issuing-ca.crt.pem"), "-outform", "DER", "-out", output);
        code.ShouldBe(0, text);
        var cms = File.ReadAllBytes(output);

        var report = await Validators.Online(fx).ValidateCadesAsync(cms, Content);
        report.Indication.ShouldBe(Indication.TotalPassed, report.ToJson());
        report.Signatures.Single().Tckn.ShouldBe(ayse.Tckn);

        var tampered = Content.ToArray();
        tampered[0] ^= 0x20;
        OpenSslVerify(cms, tampered).ExitCode.ShouldNotBe(0);
        (await Validators.Online(fx).ValidateCadesAsync(cms, tampered)).SubIndication.ShouldBe(SubIndication.HashFailure);
    }

    private (int ExitCode, string Output) OpenSslVerify(byte[] cms, byte[] content) =>
        Tools.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", fx.TempFile("sig.p7s", cms),
            "-content", fx.TempFile("content.bin", content), "-CAfile", fx.RootPem, "-purpose", "any", "-out", "/dev/null");

    /// <summary>Replaces the embedded signer certificate and SignerIdentifier with another person's certificate.</summary>
    private static byte[] SwapSigner(byte[] cms, byte[] otherCertificate)
    {
        var content = ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
        var signed = SignedData.GetInstance(content.Content);
        var original = SignerInfo.GetInstance(signed.SignerInfos[0]);
        var other = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(otherCertificate));
        var signerInfo = new SignerInfo(new SignerIdentifier(new IssuerAndSerialNumber(other.Issuer, other.SerialNumber)), original.DigestAlgorithm,
            original.SignedAttrs, original.SignatureAlgorithm, original.Signature, original.UnsignedAttrs);
        var certificates = new Asn1EncodableVector { other };
        foreach (var c in signed.Certificates)
        {
            var cert = X509CertificateStructure.GetInstance(c);
            if (!cert.Subject.Equivalent(X509CertificateStructure.GetInstance(signed.Certificates[0]).Subject) || cert.Subject.ToString().Contains("Geliştirme", StringComparison.Ordinal))
            {
                certificates.Add(cert);
            }
        }

        var swapped = new SignedData(signed.DigestAlgorithms, signed.EncapContentInfo, new DerSet(certificates), null, new DerSet(signerInfo));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, swapped).GetEncoded(Asn1Encodable.Der);
    }
}
