using System.Globalization;
using System.Runtime.InteropServices;

namespace Mys.Signing.TestSupport.SoftHsm;

/// <summary>
/// A SoftHSM2 token store of the tests' own: a folder with <c>softhsm2.conf</c> and its <c>tokens</c> folder. Hand
/// <see cref="Variables"/> to the tools and child processes (softhsm2-util, pkcs11-tool, the agent) that use it;
/// <see cref="ForThisProcess"/> is the one the test process's own PKCS#11 calls use.
/// </summary>
public sealed partial class SoftHsmEnvironment
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    private static readonly Lazy<SoftHsmEnvironment> Process = new(UseInThisProcess, LazyThreadSafetyMode.ExecutionAndPublication);

    private SoftHsmEnvironment(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(TokenDirectory);
        File.WriteAllText(ConfigPath, $"directories.tokendir = {TokenDirectory}\nobjectstore.backend = file\nlog.level = ERROR\n");
    }

    public string Folder { get; }

    public string ConfigPath => Path.Combine(Folder, "softhsm2.conf");

    public string TokenDirectory => Path.Combine(Folder, "tokens");

    /// <summary>The environment a tool or child process needs to see these tokens.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath };

    /// <summary>
    /// The store of the test process itself (one folder per process id next to the test assembly), named in the process's
    /// native environment. SoftHSM2 reads SOFTHSM2_CONF with libc getenv() at its first C_Initialize, and
    /// Environment.SetEnvironmentVariable only changes .NET's copy on Unix, so libc setenv() sets it: touch this
    /// before the module is loaded (a test assembly's module initializer does, see Bridge.Tests and Web.Tests).
    /// </summary>
    public static SoftHsmEnvironment ForThisProcess => Process.Value;

    /// <summary>A store in <paramref name="folder"/> (created if missing) for tools and child processes only.</summary>
    public static SoftHsmEnvironment In(string folder) => new(folder);

    /// <summary>Fails with the packages to install when the SoftHSM2 module is missing.</summary>
    public static void RequireModule()
    {
        if (!File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"{ModulePath} is missing: install the Debian packages softhsm2 and opensc.");
        }
    }

    /// <summary>Empties the token store (tokens of an earlier run with the same process id).</summary>
    public void Clear()
    {
        Directory.Delete(TokenDirectory, recursive: true);
        Directory.CreateDirectory(TokenDirectory);
    }

    private static SoftHsmEnvironment UseInThisProcess()
    {
        var environment = new SoftHsmEnvironment(Path.Combine(
            AppContext.BaseDirectory, "softhsm", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", environment.ConfigPath);
        if (!OperatingSystem.IsWindows() && SetEnv("SOFTHSM2_CONF", environment.ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        return environment;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
