using System.Runtime.CompilerServices;
using Mys.Signing.TestSupport.SoftHsm;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>
/// SoftHSM2 reads SOFTHSM2_CONF with libc getenv() at its first C_Initialize, so the process's token store is named
/// natively when the test assembly loads (as in the bridge tests): see <see cref="SoftHsmEnvironment.ForThisProcess"/>.
/// </summary>
internal static class SoftHsmModuleInitializer
{
#pragma warning disable CA2255 // a module initializer is the only point guaranteed to run before any test thread
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void NameTheTokenStore() => _ = SoftHsmEnvironment.ForThisProcess;
}
