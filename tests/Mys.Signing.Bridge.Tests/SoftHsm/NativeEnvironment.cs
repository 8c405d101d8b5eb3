using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>
/// SoftHSM2 reads SOFTHSM2_CONF with the C library's getenv() when the module is first initialized.
/// Environment.SetEnvironmentVariable only changes .NET's own copy of the environment on Unix, so the
/// variable is set here with libc setenv(), once, when the test assembly is loaded: before any test runs
/// and therefore before libsofthsm2 is loaded. The file it names is written by <see cref="SoftHsmFixture"/>
/// before the first C_Initialize. This needs nothing from the caller: `dotnet test` on the project or on
/// the solution, from any script, with or without a runsettings file.
/// </summary>
internal static partial class NativeEnvironment
{
    public static string Directory { get; } = Path.Combine(
        AppContext.BaseDirectory, "softhsm", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public static string ConfigPath { get; } = Path.Combine(Directory, "softhsm2.conf");

#pragma warning disable CA2255 // a module initializer is the only point guaranteed to run before any test thread
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void SetSoftHsmConfig()
    {
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigPath);
        if (!OperatingSystem.IsWindows() && SetEnv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
