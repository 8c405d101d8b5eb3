using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure;
using Npgsql;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>An app on a fresh seeded database whose every log event is captured from the first service resolved.</summary>
public sealed class LoggedAppFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private MysAppFactory? _factory;

    public CapturedLogs Logs { get; } = new();

    public MysAppFactory App => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync();
        // The app's own LoggerFactory (Serilog) is replaced, so nothing its configuration filters is lost here.
        _factory = new MysAppFactory(_database) { ConfigureServices = s => s.AddSingleton<ILoggerFactory>(new LoggerFactory([Logs])) };
        _ = _factory.Server;
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

/// <summary>The Data Protection key ring in PostgreSQL, encrypted at rest with the certificate of the environment.</summary>
public sealed partial class KeyRingProtectionTests(LoggedAppFixture fixture) : IClassFixture<LoggedAppFixture>
{
    [Fact]
    public async Task The_stored_key_is_encrypted_with_the_certificate_made_for_this_database()
    {
        await fixture.App.Anonymous().GetStringAsync("/Account/Login");

        var keys = await KeyXmlAsync(fixture.Database);

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(fixture.Database.KeyRingCertificateFolder, KeyRingProtection.DevelopmentCertificateFileName), null);
        keys.ShouldNotBeEmpty();
        foreach (var xml in keys)
        {
            xml.ShouldContain("<encryptedSecret");
            xml.ShouldContain("http://www.w3.org/2001/04/xmlenc#");
            xml.ShouldNotContain("masterKey");
            xml.ShouldContain(Convert.ToBase64String(certificate.RawData));
        }
    }

    [Fact]
    public async Task No_key_is_reported_as_stored_unencrypted()
    {
        await fixture.App.Anonymous().GetStringAsync("/Account/Login");

        // The capture works: Data Protection logged how it made the key ring.
        fixture.Logs.Entries.ShouldContain(e => e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
        fixture.Logs.Entries.ShouldNotContain(e => e.Message.Contains("unencrypted form", StringComparison.OrdinalIgnoreCase));
        fixture.Logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_instance_accepts_the_first_ones_antiforgery_token()
    {
        await using var second = new MysAppFactory(fixture.Database);
        var first = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await first.GetAsync("/Account/Login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("mys.af=", StringComparison.Ordinal)).Split(';')[0];
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Tckn"] = DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn,
                ["Password"] = MysAppFactory.DemoPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var response = await second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("mys.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_without_a_certificate_does_not_start_and_says_which_settings_are_missing()
    {
        await using var production = new MysAppFactory(fixture.Database).WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var failure = Should.Throw<InvalidOperationException>(() => production.Server);

        failure.Message.ShouldContain("Mys:DataProtection:CertificatePath");
        failure.Message.ShouldContain("Mys:DataProtection:CertificatePassword");
        failure.Message.ShouldContain("Production");
    }

    [Fact]
    public async Task Production_encrypts_the_key_ring_with_the_configured_certificate()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("mys-keyring-prod-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            using var certificate = new CertificateRequest("CN=Mys.Signing Data Protection (test production)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var path = Path.Combine(folder, "production.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "test-only-password"));
            await using var production = new MysAppFactory(database, new Dictionary<string, string>
            {
                ["Mys:DataProtection:CertificatePath"] = path,
                ["Mys:DataProtection:CertificatePassword"] = "test-only-password",
                ["Mys:PublicBaseUrl"] = "http://localhost", // required outside Development (issue 18)
            }).WithWebHostBuilder(b => b.UseEnvironment("Production"));

            (await production.CreateClient().GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);

            var keys = await KeyXmlAsync(database);
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => xml.Contains(Convert.ToBase64String(certificate.RawData)) && !xml.Contains("masterKey"));
            Directory.Exists(database.KeyRingCertificateFolder).ShouldBeFalse("production makes no certificate of its own");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<string>> KeyXmlAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Xml\" FROM \"DataProtectionKeys\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Every log event of an app, kept for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyCollection<CapturedLog> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception)));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message);
