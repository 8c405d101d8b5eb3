using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.AuditExport;

/// <summary>The <c>audit-export-packages</c> job: builds the packages that are due (<see cref="BuildDuePackages"/>).</summary>
public sealed class AuditExportPackageJob(BuildDuePackages buildDuePackages) : IScheduledJob
{
    public const string Name = "audit-export-packages";

    /// <summary>Every minute, at second 30 (the OCR job runs at second 0).</summary>
    public const string Cron = "30 * * * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => buildDuePackages.RunAsync(now, cancellationToken);
}
