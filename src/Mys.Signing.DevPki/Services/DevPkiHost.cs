using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.DevPki.Services;

/// <summary>A tiny Kestrel host on loopback serving the dev PKI endpoints.</summary>
public static class DevPkiHost
{
    /// <summary>Starts listening on 127.0.0.1 at the port of the PKI's base URL.</summary>
    public static async Task<WebApplication> StartAsync(DevPkiHierarchy pki, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = new Uri(pki.BaseUrl).Port;
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapDevPkiServices(pki, time);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>A free loopback port, for building a base URL before the host starts.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
