using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// In development (<c>Mys:DevPki:Enabled</c>) the app serves the dev PKI's OCSP, CRL and time-stamp services under
/// <c>/devpki</c> on its own loopback address (the PKI itself: <see cref="Hosting.DevelopmentPki"/>). Never in production.
/// </summary>
internal static class DevelopmentPkiEndpoints
{
    public static void Map(WebApplication app, DevPkiHierarchy? pki)
    {
        if (pki is not null)
        {
            app.MapGroup(string.Empty).AllowAnonymous().MapDevPkiServices(pki);
        }
    }
}
