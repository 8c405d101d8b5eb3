using Mys.Signing.DevPki.Pki;
using Mys.Signing.TestSupport.Pki;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.DevPki.Tests;

[Collection(PkiCollection.Name)]
public sealed class DevPkiTests(PkiFixture fx)
{
    [Theory]
    [InlineData("ayse")]
    [InlineData("mehmet")]
    [InlineData("tsa")]
    [InlineData("ocsp")]
    [InlineData("seal")]
    public void Openssl_accepts_the_chain(string id)
    {
        var (code, output) = ExternalTools.Run("openssl", "verify", "-CAfile", fx.RootPem, "-untrusted", Path.Combine(fx.Folder, "issuing-ca.crt.pem"),
            Path.Combine(fx.Folder, id + ".crt.pem"));
        code.ShouldBe(0, output);
    }

    [Theory]
    [InlineData("ayse", true)]
    [InlineData("mehmet", true)]
    [InlineData("untrusted", false)]
    [InlineData("expired", false)]
    public void Dotnet_builds_the_chain_to_the_dev_root(string id, bool expected)
    {
        using var root = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(fx.Pki.Root.CertificateDer);
        using var issuing = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(fx.Pki.IssuingCa.CertificateDer);
        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(fx.Pki[id].CertificateDer);
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
        chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.ExtraStore.Add(issuing);
        chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
        chain.Build(leaf).ShouldBe(expected, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Person_certificates_have_the_nes_profile()
    {
        var text = ExternalTools.Run("openssl", "x509", "-noout", "-text", "-in", Path.Combine(fx.Folder, "ayse.crt.pem")).Output;
        text.ShouldContain("serialNumber = 10000000146");
        text.ShouldContain("X509v3 Key Usage: critical");
        text.ShouldContain("Non Repudiation");
        text.ShouldContain("qcStatements");
        text.ShouldContain("OCSP - URI:" + fx.Pki.OcspUrl);
        text.ShouldContain("URI:" + fx.Pki.IssuingCrlUrl);
        text.ShouldContain("X509v3 Authority Key Identifier");
        ExternalTools.Run("openssl", "x509", "-noout", "-text", "-in", Path.Combine(fx.Folder, "tsa.crt.pem")).Output.ShouldContain("Time Stamping");
        ExternalTools.Run("openssl", "x509", "-noout", "-text", "-in", Path.Combine(fx.Folder, "ocsp.crt.pem")).Output.ShouldContain("OCSP No Check");
    }

    [Theory]
    [InlineData("ayse", ": good")]
    [InlineData("revoked", ": revoked")]
    public void Openssl_ocsp_client_gets_the_right_status_over_http(string id, string expected)
    {
        var (_, output) = ExternalTools.Run("openssl", "ocsp", "-issuer", Path.Combine(fx.Folder, "issuing-ca.crt.pem"), "-cert", Path.Combine(fx.Folder, id + ".crt.pem"),
            "-url", fx.Pki.OcspUrl, "-CAfile", fx.RootPem);
        output.ShouldContain("Response verify OK");
        output.ShouldContain(expected);
    }

    [Fact]
    public async Task The_crl_lists_the_revoked_certificate()
    {
        var crl = await fx.Http.GetByteArrayAsync(fx.Pki.IssuingCrlUrl);
        var path = fx.TempFile("issuing.crl", crl);
        var output = ExternalTools.Run("openssl", "crl", "-inform", "DER", "-in", path, "-noout", "-text").Output;
        output.ShouldContain(fx.Pki["revoked"].Certificate.SerialNumber.ToString(16).ToUpperInvariant());
    }

    [Fact]
    public void Loading_an_existing_folder_reuses_it_and_adds_missing_people()
    {
        var options = new DevPkiOptions { BaseUrl = fx.Pki.BaseUrl };
        options.Persons.Add(new DevPkiPerson("zeynep", "Zeynep Ağaoğlu", "34567890170", DevKeyType.EcP256));
        var copy = Directory.CreateTempSubdirectory("mys-devpki-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(fx.Folder, "*.*").Where(f => f.EndsWith(".der", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            var loaded = DevPkiStore.LoadOrCreate(copy, options, TimeProvider.System);
            loaded.Root.CertificateDer.ShouldBe(fx.Pki.Root.CertificateDer);
            loaded["zeynep"].Tckn.ShouldBe("34567890170");
            DevPkiStore.Load(copy)["zeynep"].KeyType.ShouldBe(DevKeyType.EcP256);
        }
        finally
        {
            Directory.Delete(copy, true);
        }
    }
}
