using System.Security.Cryptography;
using System.Text.Json;
using Org.BouncyCastle.X509;

namespace Mys.Signing.DevPki.Pki;

/// <summary>Saves the dev PKI to a folder (PEM + DER certificates, PKCS#8 keys, manifest.json) and loads it back.</summary>
public static class DevPkiStore
{
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Loads the PKI in <paramref name="folder"/> if there is one, otherwise creates and saves it. Missing persons are added.</summary>
    public static DevPkiHierarchy LoadOrCreate(string folder, DevPkiOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(Path.Combine(folder, ManifestFile)))
        {
            var pki = Load(folder);
            var missing = options.Persons.Where(p => !pki.TryGet(p.Id, out _)).ToList();
            foreach (var person in missing)
            {
                pki.Add(DevPkiFactory.IssuePerson(pki, person, time.GetUtcNow()));
            }

            if (missing.Count > 0)
            {
                Save(pki, folder);
            }

            return pki;
        }

        var created = DevPkiFactory.Create(options, time);
        Save(created, folder);
        return created;
    }

    public static void Save(DevPkiHierarchy pki, string folder)
    {
        ArgumentNullException.ThrowIfNull(pki);
        Directory.CreateDirectory(folder);
        var manifest = new DevPkiManifest
        {
            BaseUrl = pki.BaseUrl,
            CreatedAt = pki.CreatedAt,
            Entries = pki.Entries.OrderBy(e => e.Kind).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e =>
            {
                File.WriteAllBytes(Path.Combine(folder, e.Id + ".crt.der"), e.CertificateDer);
                File.WriteAllText(Path.Combine(folder, e.Id + ".crt.pem"), PemEncoding.WriteString("CERTIFICATE", e.CertificateDer) + "\n");
                File.WriteAllBytes(Path.Combine(folder, e.Id + ".key.der"), e.Pkcs8PrivateKey);
                File.WriteAllText(Path.Combine(folder, e.Id + ".key.pem"), PemEncoding.WriteString("PRIVATE KEY", e.Pkcs8PrivateKey) + "\n");
                return new DevPkiManifestEntry
                {
                    Id = e.Id,
                    Kind = e.Kind.ToString(),
                    KeyType = e.KeyType.ToString(),
                    Subject = e.Certificate.SubjectDN.ToString(),
                    Issuer = e.Certificate.IssuerDN.ToString(),
                    SerialNumber = e.Certificate.SerialNumber.ToString(16),
                    NotBefore = e.Certificate.NotBefore,
                    NotAfter = e.Certificate.NotAfter,
                    Name = e.Name,
                    Tckn = e.Tckn,
                    RevokedAt = e.RevokedAt,
                    Certificate = e.Id + ".crt.pem",
                    PrivateKey = e.Id + ".key.pem",
                };
            }).ToList(),
        };
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));
    }

    public static DevPkiHierarchy Load(string folder)
    {
        var manifest = JsonSerializer.Deserialize<DevPkiManifest>(File.ReadAllText(Path.Combine(folder, ManifestFile)))
            ?? throw new InvalidDataException("Bozuk manifest.json");
        var parser = new X509CertificateParser();
        var entries = manifest.Entries.Select(m => new DevPkiEntry(
            m.Id,
            Enum.Parse<DevCertificateKind>(m.Kind),
            parser.ReadCertificate(File.ReadAllBytes(Path.Combine(folder, m.Id + ".crt.der"))),
            File.ReadAllBytes(Path.Combine(folder, m.Id + ".key.der")),
            Enum.Parse<DevKeyType>(m.KeyType))
        {
            Name = m.Name,
            Tckn = m.Tckn,
            RevokedAt = m.RevokedAt,
        });
        return new DevPkiHierarchy(manifest.BaseUrl, manifest.CreatedAt, entries);
    }
}

/// <summary>manifest.json of a dev PKI folder.</summary>
public sealed class DevPkiManifest
{
    public string BaseUrl { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public IList<DevPkiManifestEntry> Entries { get; init; } = [];
}

/// <summary>One certificate in manifest.json.</summary>
public sealed class DevPkiManifestEntry
{
    public string Id { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string KeyType { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Issuer { get; set; } = string.Empty;

    public string SerialNumber { get; set; } = string.Empty;

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public string? Name { get; set; }

    public string? Tckn { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string Certificate { get; set; } = string.Empty;

    public string PrivateKey { get; set; } = string.Empty;
}
