using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Tests.SoftHsm;

namespace Mys.Signing.Bridge.Tests.Card;

[Collection(SoftHsmCollection.Name)]
public sealed class CertificateCatalogTests(SoftHsmFixture hsm)
{
    [Fact]
    public void Lists_rsa_and_ec_signing_certificates_with_tckn_and_token()
    {
        var certificates = List();

        var rsa = certificates.Single(c => c.Der.AsSpan().SequenceEqual(hsm.Rsa.Certificate.RawData));
        rsa.Description.Tckn.ShouldBe(SoftHsmFixture.Tckn);
        rsa.Description.KeyType.ShouldBe("RSA");
        rsa.Description.KeySize.ShouldBe(2048);
        rsa.Description.Subject.ShouldBe("C=TR, SERIALNUMBER=10000000146, CN=Ayşe Yılmaz");
        rsa.Description.Issuer.ShouldContain("Mys Test NES CA");
        rsa.Token.Label.ShouldBe("MYS-MAIN");
        rsa.Token.SerialNumber.ShouldNotBeNullOrWhiteSpace();
        rsa.SignatureAlgorithms.ShouldBe(["RS256", "RS384"]);

        var ec = certificates.Single(c => c.Der.AsSpan().SequenceEqual(hsm.Ec.Certificate.RawData));
        ec.Description.KeyType.ShouldBe("EC");
        ec.Description.Curve.ShouldBe("P-256");
        ec.Description.KeySize.ShouldBe(256);
        ec.SignatureAlgorithms.ShouldBe(["ES256", "ES384"]);
        ec.Description.NotAfter.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Leaves_out_certificates_without_non_repudiation() =>
        List().Any(c => c.Der.AsSpan().SequenceEqual(hsm.AuthenticationOnly.Certificate.RawData)).ShouldBeFalse();

    [Fact]
    public void Lists_certificates_of_every_present_token() =>
        List().Select(c => c.Token.Label).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["MYS-FINAL", "MYS-LOCKED", "MYS-MAIN", "MYS-PIN"]);

    private IReadOnlyList<CardCertificate> List()
    {
        using var gate = CardGate.EnterAsync(TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
        return CertificateCatalog.List(hsm.Modules.Resolve().Value);
    }
}
