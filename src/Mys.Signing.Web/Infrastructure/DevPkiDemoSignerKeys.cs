using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Tsp;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// The demo signers' keys from the development PKI (one person per signing role, named by the role) and its
/// time-stamp authority, answered in process: what <see cref="DemoSigning"/> signs the demo ÖEBs with.
/// </summary>
public sealed class DevPkiDemoSignerKeys : IDemoSignerKeys, IDisposable
{
    private readonly DevPkiHierarchy _pki;
    private readonly HttpClient _http;

    public DevPkiDemoSignerKeys(DevPkiHierarchy pki, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(pki);
        _pki = pki;
        _http = new HttpClient(new DevPkiHttpHandler(new DevPkiServices(pki, clock)));
        TimeStamps = new HttpTimeStampClient(_http, new TimeStampClientOptions { Url = new Uri(pki.TsaUrl) });
    }

    public ITimeStampClient TimeStamps { get; }

    public DemoSignerKey For(Role role)
    {
        var person = _pki[role.ToString()];
        return new DemoSignerKey(person.Name, person.CertificateDer, _pki.ChainFor(person).Select(c => c.GetEncoded()).ToList(), person.SignDigest);
    }

    public void Dispose() => _http.Dispose();
}
