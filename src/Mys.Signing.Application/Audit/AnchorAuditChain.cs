using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Audit;

/// <summary>
/// Writes an anchor over the audit partitions' heads (<see cref="AuditAnchorWriter"/>): what is anchored can no longer
/// be cut off or rewritten undetected, so the job's minute bounds the window in which a partition's newest rows could
/// vanish unnoticed. Idempotent: nothing is written when no head moved.
/// </summary>
public sealed class AnchorAuditChain(MysDbContext db, ILogger<AnchorAuditChain> logger)
{
    public async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await AuditAnchorWriter.WriteAsync(db, now, cancellationToken) is { } anchor)
        {
            logger.LogInformation("Audit anchor {AnchorId} written over {Heads}", anchor.Id, anchor.Heads);
        }
    }
}
