namespace Mys.Signing.TestSupport;

/// <summary>One fresh database and one running app per test class (xunit class fixture).</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private MysAppFactory? _factory;

    public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _factory = new MysAppFactory(_database);
        _ = _factory.Server; // start now: migrate and seed before the first test
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
    }
}
