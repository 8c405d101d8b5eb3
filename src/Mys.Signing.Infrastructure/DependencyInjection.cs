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
        services.AddDbContext<MysDbContext>(options => options.UseNpgsql(connectionString));
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

    public static string MigrationConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetConnectionString(MigrationConnectionStringName) is { Length: > 0 } owner
            ? owner
            : configuration.GetConnectionString(ConnectionStringName)
              ?? throw new InvalidOperationException($"Connection string '{ConnectionStringName}' is not configured.");
    }
}
