using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The connection string the app runs with (<c>ConnectionStrings:Mys</c>, or <c>ConnectionStrings__Mys</c> in the environment).</summary>
    public const string ConnectionStringName = "Mys";

    /// <summary>The connection string migrations run with (the schema owner); falls back to <see cref="ConnectionStringName"/>.</summary>
    public const string MigrationConnectionStringName = "MysMigrations";

    public static IServiceCollection AddMysInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is not configured (ConnectionStrings:{ConnectionStringName} or env ConnectionStrings__{ConnectionStringName}).");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<MysDbContext>(options => options.UseNpgsql(WithAutoPrepare(connectionString)));
        // The plain-SQL data source (attachment chunks, jobs' statements) never changes session state (no SET, no
        // session-level locks, no prepared statements), so a pooled connection needs no DISCARD ALL before its next use:
        // an export reads thousands of chunks, each on a connection taken from the pool.
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString));
        services.AddSingleton<PostgresAttachmentStore>();
        services.AddAttachmentStore(configuration);
        services.AddScoped<Signing.SigningSessionStore>();
        services.AddScoped<Certificates.CertificateRegister>();
        services.AddScoped<Certificates.SignerCertificateStatusService>();
        services.AddSingleton(Certificates.SmtpSettings.Read(configuration));
        services.TryAddSingleton<Certificates.IReminderMailer, Certificates.SmtpReminderMailer>();
        services.AddScoped(sp => new Identity.LoginChallengeStore(sp.GetRequiredService<MysDbContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<Signing.Codes.SigningCodeStore>();
        services.AddScoped<Signing.Codes.CodeThrottle>();
        return services;
    }

    /// <summary>Statements the app's context prepares per connection when the connection string does not say (<c>Max Auto Prepare</c>).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The context's connection string with Npgsql's automatic preparation on: the statements every page runs (the session
    /// check, the unit check, the lists) are parsed and planned once per pooled connection instead of on every request —
    /// a third less PostgreSQL CPU per page (docs/performance.md, issue 21). An explicit <c>Max Auto Prepare</c> wins
    /// (0 turns it off, e.g. behind a pooler in transaction mode).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0 && !connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    public static string MigrationConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(MigrationConnectionStringName) is { Length: > 0 } owner
            ? owner
            : configuration.GetConnectionString(ConnectionStringName)
              ?? throw new InvalidOperationException($"Connection string '{ConnectionStringName}' is not configured.");
    }
}
