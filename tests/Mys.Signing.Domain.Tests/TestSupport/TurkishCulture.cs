using System.Globalization;
using System.Runtime.CompilerServices;

namespace Mys.Signing.Domain.Tests.TestSupport;

/// <summary>
/// Runs every test under tr-TR (dotted/dotless I, comma decimal separator) so that code relying on the
/// current culture for codes, identifiers or machine formats fails here rather than in production.
/// </summary>
internal static class TurkishCulture
{
#pragma warning disable CA2255 // a test assembly is the intended place for this initializer
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Pin()
    {
        var turkish = CultureInfo.GetCultureInfo("tr-TR");
        CultureInfo.DefaultThreadCurrentCulture = turkish;
        CultureInfo.DefaultThreadCurrentUICulture = turkish;
        CultureInfo.CurrentCulture = turkish;
        CultureInfo.CurrentUICulture = turkish;
    }
}
