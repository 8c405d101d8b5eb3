using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Account;

/// <summary>
/// The test server has no client address; these tests need several. A startup filter (test only) takes the address from
/// the <c>X-Test-Client-Address</c> header, before the app's own pipeline, as a real connection would give it.
/// </summary>
internal static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    public static void Enable(IServiceCollection services) => services.AddSingleton<IStartupFilter, AddressFromHeader>();

    /// <summary>A client from <paramref name="address"/> with its own cookie jar, not following redirects.</summary>
    public static (HttpClient Client, CookieContainer Jar) Browser(WebApplicationFactory<Program> app, string address)
    {
        var jar = new CookieContainer();
        return (app.CreateDefaultClient(new Uri("http://localhost"), new FromAddress(address), new CookieContainerHandler(jar)), jar);
    }

    /// <summary>A client from <paramref name="address"/> without a cookie jar: the test sets the Cookie header itself.</summary>
    public static HttpClient Bare(WebApplicationFactory<Program> app, string address) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new FromAddress(address));

    private sealed class FromAddress(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove(Header);
            request.Headers.Add(Header, address);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>The app on a fresh database, with client addresses taken from the test header; one per test class.</summary>
public sealed class AddressedAppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private MysAppFactory? _app;

    public MysAppFactory App => _app ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _app = new MysAppFactory(_database) { ConfigureServices = ClientAddresses.Enable };
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
