using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>
/// SoftHSM2 reads SOFTHSM2_CONF with libc getenv() at its first C_Initialize, so it is set natively when the test
/// assembly loads (as in the bridge tests), per process, with its own token folder.
/// </summary>
internal static partial class SoftHsmEnvironment
{
    public static string Directory { get; } = Path.Combine(
        AppContext.BaseDirectory, "softhsm", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public static string ConfigPath { get; } = Path.Combine(Directory, "softhsm2.conf");

#pragma warning disable CA2255 // a module initializer is the only point guaranteed to run before any test thread
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SetSoftHsmConfig()
    {
        var tokens = Path.Combine(Directory, "tokens");
        System.IO.Directory.CreateDirectory(tokens);
        File.WriteAllText(ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigPath);
        if (!OperatingSystem.IsWindows() && SetEnv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
