namespace Mys.Signing.TestSupport;

/// <summary>
/// One fresh database (a copy of the seeded template, <see cref="TestDatabase.CreateSeededAsync"/>) and one running app
/// on the default settings per test class (xunit class fixture), or per collection (<see cref="ICollectionFixture{T}"/>).
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private MysAppFactory? _factory;

    public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync();
        _factory = new MysAppFactory(_database);
        _ = _factory.Server; // start now, before the first test
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
