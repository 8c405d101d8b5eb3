using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// In development (<c>Mys:DevPki:Enabled</c>) the app creates the dev PKI (Kamu SM-shaped: root, NES issuing CA,
/// TSA, OCSP responder, seal, and an NES certificate for each demo signer) in a git-ignored folder and serves
/// its OCSP, CRL and time-stamp services under <c>/devpki</c> on its own loopback address. Never in production.
/// </summary>
internal static class DevelopmentPki
{
    public static DevPkiHierarchy? Create(IConfiguration configuration, IWebHostEnvironment environment) =>
        Create(configuration, Path.Combine(environment.ContentRootPath, "..", "..", ".local", "devpki"));

    /// <param name="defaultFolder">Used unless <c>Mys:DevPki:Folder</c> is set.</param>
    public static DevPkiHierarchy? Create(IConfiguration configuration, string defaultFolder)
    {
        if (!configuration.GetValue("Mys:DevPki:Enabled", false))
        {
            return null;
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

    public static void Map(WebApplication app, DevPkiHierarchy? pki)
    {
        if (pki is not null)
        {
            app.MapGroup(string.Empty).AllowAnonymous().MapDevPkiServices(pki);
        }
    }
}
