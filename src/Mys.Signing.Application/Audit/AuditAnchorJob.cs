using Mys.Signing.Application.Scheduling;

namespace Mys.Signing.Application.Audit;

/// <summary>Runs <see cref="AnchorAuditChain"/> every minute on one node of the cluster.</summary>
public sealed class AuditAnchorJob(AnchorAuditChain anchor) : IScheduledJob
{
    public const string Name = "audit-chain-anchor";

    /// <summary>Every minute, at second 40 (off the other jobs' seconds 0 and 30).</summary>
    public const string Cron = "40 * * * * ?";

    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => anchor.RunAsync(now, cancellationToken);
}
