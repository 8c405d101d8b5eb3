using Npgsql;

namespace Mys.Signing.Infrastructure.Archive;

/// <summary>
/// <c>Mys:Retention</c>: how long sent ÖEBs, their signed documents and the contents they refer to are kept
/// (the database refuses deleting them earlier), and how long before a time-stamp certificate expires the archive
/// job adds a new document time-stamp.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Mys:Retention";

    public int Years { get; set; } = 10;

    public int TimeStampRenewalMarginDays { get; set; } = 180;

    public TimeSpan TimeStampRenewalMargin => TimeSpan.FromDays(TimeStampRenewalMarginDays);

    /// <summary>
    /// Writes <see cref="Years"/> into the database function the retention triggers read (as the schema owner:
    /// the app role cannot shorten retention).
    /// </summary>
    public static async Task ApplyAsync(string ownerConnectionString, int years, CancellationToken cancellationToken = default)
    {
        if (years is < 1 or > 100)
        {
            throw new InvalidOperationException($"Mys:Retention:Years must be between 1 and 100 (was {years}).");
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        // DDL takes no parameters; the only value spliced in is the range-checked integer above.
#pragma warning disable CA2100
        await using var command = new NpgsqlCommand(
            $"CREATE OR REPLACE FUNCTION mys_retention_years() RETURNS integer LANGUAGE sql STABLE AS $fn$ SELECT {years.ToString(System.Globalization.CultureInfo.InvariantCulture)} $fn$",
            connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
