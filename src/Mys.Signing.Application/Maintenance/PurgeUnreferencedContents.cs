using System.Text.Json;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Maintenance;

/// <summary>
/// Deletion by retention, the only deletion of stored contents: contents no row refers to any more (retention removed
/// their last reference) go with their bytes, in PostgreSQL or in the object store alike (<see cref="ContentPurge"/>).
/// Batches of <see cref="BatchSize"/>; the total is audited as one event. Run daily by <see cref="UnreferencedContentsPurgeJob"/>.
/// </summary>
public sealed class PurgeUnreferencedContents(ContentPurge purge, MysDbContext db, ILogger<PurgeUnreferencedContents> logger)
{
    public const int BatchSize = 500;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await purge.PurgeAsync(now, BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);

        if (total > 0)
        {
            db.RecordEvent("UnreferencedContentsPurged", "Maintenance", UnreferencedContentsPurgeJob.Name, JsonSerializer.Serialize(new { at = now, contents = total }));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Purged {Contents} stored contents no row refers to any more", total);
        }

        return total;
    }
}
