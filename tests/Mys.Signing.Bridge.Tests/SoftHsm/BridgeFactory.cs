using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mys.Signing.Bridge.Tests.SoftHsm;

/// <summary>The bridge host in-process (TestServer), on the SoftHSM module, with one allowed origin.</summary>
public sealed class BridgeFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Bridge:ModulePath", SoftHsmFixture.ModulePath);
        builder.UseSetting("Bridge:AllowedOrigins:0", SoftHsmFixture.AllowedOrigin);
        builder.UseSetting("Bridge:FinalizeOnShutdown", "false");
    }
}
