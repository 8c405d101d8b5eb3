using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Mys.Signing.TestSupport.Signing;

/// <summary>
/// The web app with the dev PKI (a copy of the process's <see cref="AppDevPki.ServedBaseUrl"/> PKI in a temp folder, its
/// OCSP/CRL/TSA answered in-process, and over HTTP by the process's one host for pdfsig), on its own seeded database,
/// with a <see cref="FakeTimeProvider"/> as the app's TimeProvider (at the real time when the app starts), and an NSS database
/// trusting the dev root for pdfsig. Use <see cref="StartApp"/> for a second app on the same database and PKI (a "restart").
/// </summary>
public sealed class SigningAppFixture : IAsyncLifetime
{
    private readonly string _baseUrl = AppDevPki.ServedBaseUrl;
    private TestDatabase? _database;
    private MysAppFactory? _factory;

    public string Folder { get; } = Directory.CreateTempSubdirectory("mys-signing-").FullName;

    public string PkiFolder => Path.Combine(Folder, "devpki");

    public string NssFolder => Path.Combine(Folder, "nssdb");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync(Settings);
        // The seeded rows (role grants…) were written at the real time when the template was made: the app's clock must not be behind them.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        _factory = StartApp();
        ExternalTools.CreateNssDatabase(NssFolder, Path.Combine(PkiFolder, "root-ca.crt.pem"));
        // The app answers its own PKI requests in-process; pdfsig (NSS) asks the OCSP URL in the certificates over HTTP.
        await AppDevPki.ServeAsync();
    }

    private Dictionary<string, string> Settings => new()
    {
        ["Mys:DevPki:Enabled"] = "true",
        ["Mys:DevPki:Folder"] = PkiFolder,
        ["Mys:DevPki:BaseUrl"] = _baseUrl,
        ["Mys:PublicBaseUrl"] = "https://mys.test.local",
    };

    /// <summary>Another app instance on the same database and dev PKI (dispose it yourself).</summary>
    public MysAppFactory StartApp(FakeTimeProvider? clock = null)
    {
        var factory = new MysAppFactory(Database, Settings)
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(clock ?? Clock),
        };
        _ = factory.Server;
        return factory;
    }

    public string WriteTemp(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
