using System.Diagnostics;
using System.Text.Json;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.AuditExport;

/// <summary>Settings of the <c>audit-export-packages</c> job (<c>Mys:Export:Packages:*</c>).</summary>
public sealed record AuditExportPackageOptions(bool Enabled = true, int BatchSize = 200, int MaxConcurrency = 4)
{
    public const string Section = "Mys:Export:Packages";
}

/// <summary>
/// Builds the audit-export packages (<see cref="AuditExportPackager"/>) of sent ÖEBs that have none or whose package is
/// stale (signed again, accepted, returned, time-stamped for the archive, OCR read), newest first,
/// <see cref="AuditExportPackageOptions.BatchSize"/> a run, so that exporting them later only streams. Runs on one
/// instance per due time (clustered scheduler); a package built twice by an export at the same moment is the same
/// package. Without a system seal it does nothing (there is no export either). Run by <see cref="AuditExportPackageJob"/>.
/// </summary>
public sealed class BuildDuePackages(AuditExportPackager packager, AuditExportPackageOptions options, MysDbContext db, ILogger<BuildDuePackages> logger)
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!options.Enabled || await packager.ToolsAsync(cancellationToken) is not { } tools)
        {
            return;
        }

        var due = await packager.DueAsync(options.BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var stamps = await packager.StampsAsync(due, cancellationToken);
        var built = 0;
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(stamps.Values, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
            async (stamp, ct) =>
            {
                try
                {
                    await packager.BuildAsync(stamp, tools, ct);
                    Interlocked.Increment(ref built);
                }
                catch (Exception e) when (e is InvalidOperationException or InvalidDataException or Npgsql.NpgsqlException)
                {
                    // Tried again next run; the export builds what is missing itself and reports the failure there.
                    Interlocked.Increment(ref failed);
                    logger.LogWarning(e, "Audit export package of ÖEB {PaymentOrderId} could not be built", stamp.Id);
                }
            });

        logger.LogInformation("Audit export packages: {Built} built, {Failed} failed in {Ms} ms", built, failed, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        db.RecordEvent("AuditExportPackagesBuilt", "AuditExport", AuditExportPackageJob.Name, JsonSerializer.Serialize(new { at = now, built, failed }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
