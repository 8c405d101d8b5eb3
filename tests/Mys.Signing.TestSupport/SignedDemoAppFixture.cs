namespace Mys.Signing.TestSupport;

/// <summary>
/// The app with the dev PKI (so the demo data includes signed ÖEBs sent to accounting) on its own seeded database,
/// plus the seeder for more; one per test class. <see cref="Settings"/> are the app's, for running <c>mys</c> commands
/// against the same database and PKI.
/// </summary>
public class SignedDemoAppFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-acct-devpki-").FullName;
    private TestDatabase? _database;

    public MysAppFactory App { get; private set; } = null!;

    public SignedPaymentOrderSeeder Seeder { get; private set; } = null!;

    /// <summary>The app's settings (dev PKI folder and URL…), for running <c>mys</c> commands against the same PKI.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public string ConnectionString => Database.ConnectionString;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(SignedPaymentOrderSeeder.DevPkiSettings(_folder))
        {
            // The throttle has its own tests; here many requests come from the one test client address.
            ["Mys:PublicVerification:MaxRequests"] = "100000",
            ["Mys:PublicVerification:MaxFailures"] = "100000",
        };
        Settings = settings;
        _database = await TestDatabase.CreateSeededAsync(settings);
        App = new MysAppFactory(_database, settings);
        _ = App.Server;
        Seeder = new SignedPaymentOrderSeeder(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
