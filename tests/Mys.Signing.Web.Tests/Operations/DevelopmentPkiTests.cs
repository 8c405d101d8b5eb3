using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// The app making its own dev PKI in an empty folder (not a copy of <see cref="AppDevPki"/>'s) and seeding with it, once
/// for the class.
/// </summary>
public sealed class DevelopmentPkiAppFixture : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("mys-web-devpki-").FullName;

    public MysAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        App = new MysAppFactory(_database, new Dictionary<string, string>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = Folder,
            ["Mys:DevPki:BaseUrl"] = "http://127.0.0.1:5080/devpki",
        });
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>In development the app issues NES certificates to the demo signers and serves OCSP/CRL/TSA anonymously.</summary>
public sealed class DevelopmentPkiTests(DevelopmentPkiAppFixture fixture) : IClassFixture<DevelopmentPkiAppFixture>
{
    private string Folder => fixture.Folder;

    private MysAppFactory App => fixture.App;

    [Fact]
    public void Every_demo_signer_gets_an_nes_certificate_with_their_tckn_and_the_spending_authority_an_ec_key()
    {
        var pki = App.Services.GetRequiredService<DevPkiHierarchy>();

        foreach (var signer in DemoData.Accounts.Where(a => a.Role.Signs()))
        {
            pki.Persons.ShouldContain(p => p.Tckn == signer.Tckn, signer.Role.ToString());
        }

        pki.Persons.Single(p => p.Tckn == DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn).KeyType.ShouldBe(DevKeyType.EcP256);
        pki.Persons.ShouldNotContain(p => p.Tckn == DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn);
        File.Exists(Path.Combine(Folder, "root-ca.crt.pem")).ShouldBeTrue();
    }

    [Fact]
    public async Task Crl_and_ca_certificates_are_served_without_login()
    {
        var client = App.Anonymous();

        var crl = await client.GetAsync("/devpki/crl/issuing.crl");
        var root = await client.GetAsync("/devpki/ca/root.crt");

        crl.StatusCode.ShouldBe(HttpStatusCode.OK);
        crl.Content.Headers.ContentType!.MediaType.ShouldBe("application/pkix-crl");
        root.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var certificate = X509CertificateLoader.LoadCertificate(await root.Content.ReadAsByteArrayAsync());
        certificate.Subject.ShouldBe(certificate.Issuer);
    }

    [Fact]
    public async Task Without_the_setting_there_are_no_dev_pki_endpoints()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var app = new MysAppFactory(database);

        (await app.Anonymous().GetAsync("/devpki/ca/root.crt")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        app.Services.GetService<DevPkiHierarchy>().ShouldBeNull();
    }
}
