namespace Mys.Signing.DevPki.Pki;

/// <summary>A person who gets a qualified (NES) certificate from the dev PKI.</summary>
public sealed record DevPkiPerson(string Id, string Name, string Tckn, DevKeyType KeyType = DevKeyType.Rsa2048);

/// <summary>Input for creating a dev PKI.</summary>
public sealed class DevPkiOptions
{
    /// <summary>Base URL of the dev services (OCSP, CRL, TSA) written into AIA and CRL DP, e.g. http://127.0.0.1:5080/devpki.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080/devpki";

    public IList<DevPkiPerson> Persons { get; } = new List<DevPkiPerson>();

    /// <summary>Demo people used when none are given.</summary>
    public static IReadOnlyList<DevPkiPerson> DemoPersons { get; } =
    [
        new("ayse", "Ayşe Yılmaz", "10000000146", DevKeyType.Rsa2048),
        new("mehmet", "Mehmet Öztürk", "12345678950", DevKeyType.EcP256),
        new("ipek", "İpek Çağlar Şahin", "23456789060", DevKeyType.Rsa2048),
    ];
}
