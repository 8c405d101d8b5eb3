using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Mys.Signing.DevPki.Pki;

/// <summary>
/// A Kamu SM-shaped demo PKI: root CA, NES issuing CA, TSA, OCSP responder, system seal, one NES certificate per
/// person, and certificates that must fail validation. Dev and tests only.
/// </summary>
public sealed class DevPkiHierarchy
{
    private readonly Dictionary<string, DevPkiEntry> _entries;

    internal DevPkiHierarchy(string baseUrl, DateTimeOffset createdAt, IEnumerable<DevPkiEntry> entries)
    {
        BaseUrl = baseUrl.TrimEnd('/');
        CreatedAt = createdAt;
        _entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public string BaseUrl { get; }

    public DateTimeOffset CreatedAt { get; }

    public string OcspUrl => BaseUrl + "/ocsp";

    public string TsaUrl => BaseUrl + "/tsa";

    public string IssuingCrlUrl => BaseUrl + "/crl/issuing.crl";

    public string RootCrlUrl => BaseUrl + "/crl/root.crl";

    public IReadOnlyCollection<DevPkiEntry> Entries => _entries.Values;

    public DevPkiEntry Root => ByKind(DevCertificateKind.RootCa);

    public DevPkiEntry IssuingCa => ByKind(DevCertificateKind.IssuingCa);

    public DevPkiEntry TimeStamping => ByKind(DevCertificateKind.TimeStamping);

    public DevPkiEntry OcspResponder => ByKind(DevCertificateKind.OcspResponder);

    public DevPkiEntry SystemSeal => ByKind(DevCertificateKind.SystemSeal);

    public DevPkiEntry UntrustedRoot => ByKind(DevCertificateKind.UntrustedRoot);

    public IEnumerable<DevPkiEntry> Persons => _entries.Values.Where(e => e.Kind == DevCertificateKind.Person);

    public DevPkiEntry this[string id] => _entries[id];

    public bool TryGet(string id, out DevPkiEntry? entry) => _entries.TryGetValue(id, out entry);

    public DevPkiEntry ByKind(DevCertificateKind kind) => _entries.Values.First(e => e.Kind == kind);

    /// <summary>The chain above an end-entity issued by the issuing CA (issuing CA, root).</summary>
    public IReadOnlyList<BcCertificate> ChainFor(DevPkiEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind == DevCertificateKind.UntrustedPerson
            ? [UntrustedRoot.Certificate]
            : [IssuingCa.Certificate, Root.Certificate];
    }

    internal void Add(DevPkiEntry entry) => _entries[entry.Id] = entry;
}
