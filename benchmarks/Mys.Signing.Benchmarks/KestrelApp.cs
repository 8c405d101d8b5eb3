using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The app on real Kestrel on a loopback TCP port (not the in-memory test server), on its own seeded database, with the
/// data-entry officer logged in over a socket: what a separate client process needs to post an upload to a draft ÖEB.
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly MysAppFactory _factory;

    private KestrelApp(MysAppFactory factory, TestDatabase database, Uri baseAddress)
    {
        _factory = factory;
        Database = database;
        BaseAddress = baseAddress;
    }

    public TestDatabase Database { get; }

    public Uri BaseAddress { get; }

    public string Cookie { get; private set; } = string.Empty;

    public string Token { get; private set; } = string.Empty;

    public Uri UploadUrl { get; private set; } = null!;

    public static async Task<KestrelApp> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        var database = await TestDatabase.CreateSeededAsync();
        var factory = new MysAppFactory(database, settings);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var app = new KestrelApp(factory, database, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        await app.LogInAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    private async Task LogInAsync()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = BaseAddress };
        var officer = DemoData.Accounts.First(a => a.Role == Role.DataEntryOfficer).Tckn;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = officer,
            ["Password"] = MysAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login"),
        });
        using var login = await client.PostAsync("/Account/Login", form);
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login failed: {(int)login.StatusCode}");
        }

        Token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        Cookie = cookies.GetCookieHeader(BaseAddress);
        var order = await Database.ScalarAsync<Guid>(
            $"SELECT \"Id\" FROM \"PaymentOrders\" WHERE \"Status\" = 1 AND \"SpendingUnitId\" = '{DemoData.SpendingUnitId}' ORDER BY \"CreatedAt\" LIMIT 1");
        UploadUrl = new Uri(BaseAddress, string.Create(CultureInfo.InvariantCulture, $"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{order}?handler=Upload"));
    }
}
