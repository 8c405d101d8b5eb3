using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.TestSupport;

/// <summary>Reading the audit export's ZIP of ASiC-E bundles, and the seal file an operator would give <c>mys export</c>.</summary>
public static class AuditExportFiles
{
    /// <summary>Extracts every bundle of the export into <paramref name="folder"/>: entry name → extracted path.</summary>
    public static Dictionary<string, string> ExtractBundles(string zipPath, string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, entry.Name);
            entry.ExtractToFile(path);
            result[entry.Name] = path;
        }

        return result;
    }

    public static byte[] ReadEntry(string bundle, string name)
    {
        using var zip = ZipFile.OpenRead(bundle);
        using var source = zip.GetEntry(name)!.Open();
        using var target = new MemoryStream();
        source.CopyTo(target);
        return target.ToArray();
    }

    /// <summary>How a bundle's file name carries the ÖEB number.</summary>
    public static string Slug(string number) => new(number.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());

    /// <summary>A PKCS#12 holding the dev PKI's seal certificate, its key and its CA chain, as an operator would provide.</summary>
    public static byte[] SealPkcs12(DevPkiHierarchy pki, string password)
    {
        ArgumentNullException.ThrowIfNull(pki);
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pki.SystemSeal.Pkcs8PrivateKey, out _);
        using var certificate = X509CertificateLoader.LoadCertificate(pki.SystemSeal.CertificateDer);
        using var withKey = certificate.CopyWithPrivateKey(rsa);
        var collection = new X509Certificate2Collection { withKey };
        foreach (var ca in pki.ChainFor(pki.SystemSeal))
        {
            collection.Add(X509CertificateLoader.LoadCertificate(ca.GetEncoded()));
        }

        return collection.Export(X509ContentType.Pkcs12, password)!;
    }
}
