using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>The app with the dev PKI (its certificates are the test cards) on a fresh seeded database; one per test class.</summary>
public sealed class DevPkiAppFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-web-cards-").FullName;
    private TestDatabase? _database;
    private MysAppFactory? _app;

    public MysAppFactory App => _app ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public DevPkiHierarchy Pki => App.Services.GetRequiredService<DevPkiHierarchy>();

    public Dictionary<string, string> Settings => new()
    {
        ["Mys:DevPki:Enabled"] = "true",
        ["Mys:DevPki:Folder"] = _folder,
        ["Mys:DevPki:BaseUrl"] = "http://127.0.0.1:5080/devpki",
    };

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(Settings);
        _app = new MysAppFactory(_database, Settings);
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

        Directory.Delete(_folder, recursive: true);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
