using System.Runtime.CompilerServices;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>
/// Names the process's SoftHSM2 token store in the native environment when the test assembly is loaded: before any test
/// runs and therefore before libsofthsm2 is loaded, from `dotnet test` on the project or the solution, with or without a
/// runsettings file. The tokens are written by <see cref="SoftHsmFixture"/> before the first C_Initialize.
/// </summary>
internal static class SoftHsmModuleInitializer
{
#pragma warning disable CA2255 // a module initializer is the only point guaranteed to run before any test thread
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void NameTheTokenStore() => _ = SoftHsmEnvironment.ForThisProcess;
}
