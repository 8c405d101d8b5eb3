using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Microsoft.Extensions.Hosting;

namespace Mys.Signing.Hosting;

/// <summary>
/// In development (<c>Mys:DevPki:Enabled</c>) the app creates the dev PKI (Kamu SM-shaped: root, NES issuing CA,
/// TSA, OCSP responder, seal, and an NES certificate for each demo signer) in a git-ignored folder and serves
/// its OCSP, CRL and time-stamp services under <c>/devpki</c> on its own loopback address. Never in production.
/// </summary>
public static class DevelopmentPki
{
    /// <param name="defaultFolder">Used unless <c>Mys:DevPki:Folder</c> is set.</param>
    /// <param name="environmentName">The host's environment; else the ASPNETCORE_/DOTNET_ENVIRONMENT variable (a tool run without either is not refused). Production refuses the dev PKI.</param>
    public static DevPkiHierarchy? Create(IConfiguration configuration, string defaultFolder, string? environmentName = null)
    {
        if (!configuration.GetValue("Mys:DevPki:Enabled", false))
        {
            return null;
        }

        var environment = environmentName
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        if (string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase))
        {
            // Its root key sits in a folder on disk and it issues any certificate asked for: trusting it in production
            // would let anyone with that folder sign ÖEBs.
            throw new InvalidOperationException(
                "Mys:DevPki:Enabled is true in the Production environment: the development PKI never runs in production. " +
                "Remove the setting (or Mys__DevPki__Enabled) and configure the real trust anchors.");
        }

        var folder = Path.GetFullPath(configuration["Mys:DevPki:Folder"] ?? defaultFolder);
        var options = new DevPkiOptions { BaseUrl = configuration["Mys:DevPki:BaseUrl"] ?? "http://127.0.0.1:5080/devpki" };
        foreach (var signer in DemoData.Accounts.Where(a => a.Role.Signs()))
        {
            // The spending authority's card holds an EC P-256 key, the others RSA-2048: both kinds are exercised.
            var keyType = signer.Role == Role.SpendingAuthority ? DevKeyType.EcP256 : DevKeyType.Rsa2048;
            options.Persons.Add(new DevPkiPerson(signer.Role.ToString(), signer.FullName, signer.Tckn, keyType));
        }

        return DevPkiStore.LoadOrCreate(folder, options, TimeProvider.System);
    }

    /// <summary>
    /// The signature services (<see cref="SignatureServicesRegistration.AddSignatureServices"/>) trusting the dev PKI
    /// and answering its OCSP/CRL/TSA URLs in-process when <paramref name="devPki"/> is on.
    /// </summary>
    public static IServiceCollection AddSignatureServices(this IServiceCollection services, IConfiguration configuration, DevPkiHierarchy? devPki)
    {
        if (devPki is null)
        {
            return SignatureServicesRegistration.AddSignatureServices(services, configuration, development: null);
        }

        services.AddSingleton(sp => new DevPkiServices(devPki, sp.GetRequiredService<TimeProvider>()));
        // One handler for the host's life, so a test (or an operator) can switch the dev services "off" (Online = false).
        services.AddSingleton(sp => new DevPkiHttpHandler(sp.GetRequiredService<DevPkiServices>()));
        return SignatureServicesRegistration.AddSignatureServices(
            services,
            configuration,
            new DevelopmentTrust(devPki.Root.CertificateDer, devPki.IssuingCa.CertificateDer, devPki.TsaUrl),
            http => http.AddHttpMessageHandler(sp => new DevPkiRoutingHandler(sp.GetRequiredService<DevPkiHttpHandler>(), devPki.BaseUrl)));
    }
}
