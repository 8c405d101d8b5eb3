using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mys.Signing.Domain.Access;
using Mys.Signing.Hosting;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>What a deployment must say rather than what a request may claim (issue 18), and the CSV formula guard.</summary>
[Collection(SharedDemoAppCollection.Name)]
public sealed class DeploymentDefaultsTests(WebAppFixture fixture)
{
    [Fact]
    public void No_proxy_is_trusted_by_default_not_even_loopback_and_configured_ones_are()
    {
        var defaults = fixture.App.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        defaults.KnownProxies.ShouldBeEmpty();
        defaults.KnownIPNetworks.ShouldBeEmpty();
        defaults.ForwardedHeaders.ShouldBe(ForwardedHeaders.None, "empty lists would mean: believe everyone");

        using var configured = fixture.App.WithWebHostBuilder(b => b
            .UseSetting("Mys:ForwardedHeaders:KnownProxies:0", "10.0.0.5")
            .UseSetting("Mys:ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"));
        var options = configured.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5")]);
        options.KnownIPNetworks.ShouldHaveSingleItem().ToString().ShouldBe("10.1.0.0/16");
        options.ForwardedHeaders.ShouldBe(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
    }

    [Fact]
    public async Task A_forwarded_address_and_scheme_from_an_unconfigured_proxy_are_ignored()
    {
        // The test server's connection is loopback, which the framework trusted by default.
        var response = await fixture.App.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/health/live";
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });

        response.Connection.RemoteIpAddress.ShouldBe(IPAddress.Loopback);
        response.Request.Scheme.ShouldBe("http");
    }

    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_without_a_public_base_url_and_serves_only_its_host_with_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("mys-deploy-").FullName;
        try
        {
            var settings = ProductionSettings(folder);
            await using (var without = new MysAppFactory(database, settings).WithWebHostBuilder(b => b.UseEnvironment("Production")))
            {
                var failure = Should.Throw<InvalidOperationException>(() => without.Server);
                failure.Message.ShouldContain("Mys:PublicBaseUrl is not set");
                failure.Message.ShouldContain("Production");
            }

            settings["Mys:PublicBaseUrl"] = "https://mys.example.gov.tr";
            await using var with = new MysAppFactory(database, settings).WithWebHostBuilder(b => b.UseEnvironment("Production"));
            with.Services.GetRequiredService<IOptionsMonitor<HostFilteringOptions>>().CurrentValue.AllowedHosts.ShouldBe(["mys.example.gov.tr"]);
            var client = with.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://mys.example.gov.tr") });
            (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var other = with.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://attacker.example") });
            (await other.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_settings_allow_every_host_only_in_development()
    {
        var web = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Mys.Signing.Web");
        var production = new ConfigurationBuilder().AddJsonFile(Path.Combine(web, "appsettings.json")).Build();
        var development = new ConfigurationBuilder().AddJsonFile(Path.Combine(web, "appsettings.json")).AddJsonFile(Path.Combine(web, "appsettings.Development.json")).Build();

        production["AllowedHosts"].ShouldBeNull();
        development["AllowedHosts"].ShouldBe("*");
    }

    [Fact]
    public void The_development_PKI_refuses_to_run_in_production()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mys:DevPki:Enabled"] = "true" }).Build();

        var failure = Should.Throw<InvalidOperationException>(() => DevelopmentPki.Create(configuration, Path.GetTempPath(), "Production"));

        failure.Message.ShouldContain("never runs in production");
        DevelopmentPki.Create(new ConfigurationBuilder().Build(), Path.GetTempPath(), "Production").ShouldBeNull("off is fine anywhere");
    }

    [Fact]
    public async Task A_user_name_written_as_a_formula_is_neutralised_in_the_certificates_csv_and_the_download_is_not_cached()
    {
        var tckn = HostileClient.Tckn(Role.RealizationOfficer);
        var original = await fixture.Database.ScalarAsync<string>($"SELECT \"FullName\" FROM \"AspNetUsers\" WHERE \"Tckn\" = '{tckn}'");
        await fixture.Database.ExecuteAsync($"UPDATE \"AspNetUsers\" SET \"FullName\" = '=HYPERLINK(\"http://x\",\"a\")' WHERE \"Tckn\" = '{tckn}'");
        try
        {
            var admin = await fixture.App.LoginAsync(HostileClient.Tckn(Role.IdentityAdministrator));

            var response = await admin.GetAsync($"/Units/{HostileClient.Unit}/Certificates?handler=Csv");
            var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
            text.ShouldContain("\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\";", Case.Sensitive);
            text.ShouldNotContain("\r\n=HYPERLINK");
        }
        finally
        {
            await fixture.Database.ExecuteAsync($"UPDATE \"AspNetUsers\" SET \"FullName\" = '{original}' WHERE \"Tckn\" = '{tckn}'");
        }
    }

    private static Dictionary<string, string> ProductionSettings(string folder)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=Mys.Signing Data Protection (deployment test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "dp.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "deployment-test"));
        return new Dictionary<string, string>
        {
            ["Mys:DataProtection:CertificatePath"] = path,
            ["Mys:DataProtection:CertificatePassword"] = "deployment-test",
        };
    }
}
