using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.DevPki.Services;
using Mys.Signing.Hosting;

namespace Mys.Signing.TestSupport;

/// <summary>
/// The dev PKI the app makes for the demo signers (<see cref="DevelopmentPki.Create"/>), made once per test process
/// and base URL and copied into each fixture's folder: generating its keys (root, issuing CA, TSA, OCSP, seal and one
/// per demo signer) took seconds of every class with the dev PKI. A copy carries the same certificates and keys, so
/// demo ÖEBs signed in a <see cref="SeededTemplate"/> verify against every fixture's copy of the same base URL.
/// </summary>
public static class AppDevPki
{
    /// <summary>The base URL most fixtures use: the app answers it in-process, nothing listens on the port.</summary>
    public const string InProcessBaseUrl = "http://127.0.0.1:5080/devpki";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "mys-devpki-shared");
    private static readonly ConcurrentDictionary<string, Lazy<string>> Folders = new(StringComparer.Ordinal);
    private static readonly Lazy<string> ServedUrl = new(() => $"http://127.0.0.1:{DevPkiHost.FreeLoopbackPort()}/devpki");
    private static readonly SemaphoreSlim HostLock = new(1, 1);
    private static WebApplication? _host;

    /// <summary>
    /// A base URL whose OCSP/CRL/TSA answer over real HTTP (for pdfsig and other tools outside the app), from one host per
    /// test process that <see cref="ServeAsync"/> starts; fixtures that need it share it instead of racing for ports.
    /// </summary>
    public static string ServedBaseUrl => ServedUrl.Value;

    /// <summary>The process's read-only folder of the PKI for <paramref name="baseUrl"/> (created on first use).</summary>
    public static string FolderFor(string baseUrl) =>
        Folders.GetOrAdd(baseUrl, url => new Lazy<string>(() => Create(url), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Copies the PKI for <paramref name="baseUrl"/> into <paramref name="folder"/> (the app then loads it there).</summary>
    public static void CopyTo(string folder, string baseUrl = InProcessBaseUrl)
    {
        var source = FolderFor(baseUrl);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>Starts (once per process) the loopback host answering <see cref="ServedBaseUrl"/>; it lives until the process ends.</summary>
    public static async Task ServeAsync()
    {
        await HostLock.WaitAsync();
        try
        {
            _host ??= await DevPkiHost.StartAsync(DevPkiStore.Load(FolderFor(ServedBaseUrl)));
        }
        finally
        {
            HostLock.Release();
        }
    }

    private static string Create(string baseUrl)
    {
        DropAbandoned();
        var folder = Path.Combine(Root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = folder,
            ["Mys:DevPki:BaseUrl"] = baseUrl,
        }).Build();
        _ = DevelopmentPki.Create(configuration, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        return folder;
    }

    // Folders of test processes that no longer run (the runner usually ends its test host without a normal exit).
    private static void DropAbandoned()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            var pid = Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out _) && !Directory.Exists("/proc/" + pid) && !OperatingSystem.IsWindows())
            {
                DeleteQuietly(folder);
            }
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another process cleaning up the same abandoned folder; nothing to do.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
