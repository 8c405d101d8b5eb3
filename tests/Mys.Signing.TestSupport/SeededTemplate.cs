using System.Collections.Concurrent;
using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.TestSupport;

/// <summary>
/// Databases the app has seeded once per test process, one per kind of demo seed, for <see cref="TestDatabase.CreateSeededAsync"/>
/// to copy: what the app seeds depends only on whether the dev PKI is on, its base URL (the signed demo ÖEBs' chains and
/// revocation URLs) and the public base URL (their verification links). Each is a copy of the <see cref="MigratedTemplate"/>
/// that the real app, started once on it with the scheduler off, seeded; named like it and dropped like it.
/// </summary>
internal static class SeededTemplate
{
    private const string DefaultPublicBaseUrl = "http://127.0.0.1:5080";
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new(StringComparer.Ordinal);

    public static Task<string> NameAsync(IReadOnlyDictionary<string, string> appSettings)
    {
        var seed = DemoSeed.Of(appSettings);
        if (seed.DevPkiBaseUrl is { } baseUrl && appSettings.TryGetValue("Mys:DevPki:Folder", out var folder))
        {
            ProvidePki(folder, baseUrl);
        }

        return Templates.GetOrAdd(seed.Key, _ => new Lazy<Task<string>>(() => CreateAsync(seed), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static async Task<string> CreateAsync(DemoSeed seed)
    {
        var name = MigratedTemplate.NewName();
        await TestDatabase.CloneAsync(await MigratedTemplate.NameAsync(), name);
        MigratedTemplate.DropAtExit(name);
        // No pooling: the template must have no open session when it is copied.
        var database = TestDatabase.Open(name, pooling: false);
        var settings = new Dictionary<string, string> { ["Mys:Scheduler:Enabled"] = "false" };
        if (seed.DevPkiBaseUrl is { } baseUrl)
        {
            settings["Mys:DevPki:Enabled"] = "true";
            settings["Mys:DevPki:Folder"] = AppDevPki.FolderFor(baseUrl);
            settings["Mys:DevPki:BaseUrl"] = baseUrl;
            settings["Mys:PublicBaseUrl"] = seed.PublicBaseUrl;
        }

        await using (var app = new MysAppFactory(database, settings))
        {
            _ = app.Server;
        }

        // A key ring the start made would be encrypted with this template's own certificate: no copy could read it.
        await database.ExecuteAsync("DELETE FROM \"DataProtectionKeys\"");
        if (Directory.Exists(database.KeyRingCertificateFolder))
        {
            Directory.Delete(database.KeyRingCertificateFolder, recursive: true);
        }

        return name;
    }

    private static void ProvidePki(string folder, string baseUrl)
    {
        var shared = AppDevPki.FolderFor(baseUrl);
        var root = Path.Combine(folder, "root-ca.crt.der");
        if (!File.Exists(Path.Combine(folder, DevPkiStore.ManifestFile)))
        {
            AppDevPki.CopyTo(folder, baseUrl);
        }
        else if (!File.Exists(root) || !File.ReadAllBytes(root).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(shared, "root-ca.crt.der"))))
        {
            throw new InvalidOperationException($"{folder} holds another dev PKI than the one the seeded template was signed with: give the app an empty folder.");
        }
    }

    private sealed record DemoSeed(string? DevPkiBaseUrl, string PublicBaseUrl)
    {
        public string Key => DevPkiBaseUrl is null ? "demo" : $"demo+devpki {DevPkiBaseUrl} {PublicBaseUrl}";

        public static DemoSeed Of(IReadOnlyDictionary<string, string> settings)
        {
            var devPki = settings.TryGetValue("Mys:DevPki:Enabled", out var enabled) && bool.TryParse(enabled, out var on) && on;
            return devPki
                ? new DemoSeed(settings.GetValueOrDefault("Mys:DevPki:BaseUrl") ?? AppDevPki.InProcessBaseUrl, settings.GetValueOrDefault("Mys:PublicBaseUrl") ?? DefaultPublicBaseUrl)
                : new DemoSeed(null, DefaultPublicBaseUrl);
        }
    }
}
