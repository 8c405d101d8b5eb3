using System.Text.Json;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Maintenance;

/// <summary>
/// Removes from the S3 object store what interrupted uploads left (<see cref="AbandonedUploadPurge"/>: multipart uploads
/// never completed and objects under the upload prefix that no attachment row names) once they are older than
/// <see cref="Retention"/>, so a slow upload still under way is never touched. Nothing to do when the attachments live in
/// PostgreSQL (a failed upload there rolls back its transaction). The totals are audited as one event when anything went.
/// Idempotent. Run daily by <see cref="AbandonedUploadsPurgeJob"/>.
/// </summary>
public sealed class PurgeAbandonedUploads(AbandonedUploadPurge? objectStore, MysDbContext db, ILogger<PurgeAbandonedUploads> logger)
{
    /// <summary>How old an unfinished upload must be before it counts as abandoned: longer than any upload takes.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async Task<PurgedUploads> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (objectStore is null)
        {
            logger.LogDebug("Abandoned uploads: the attachments are in PostgreSQL, nothing to purge");
            return new PurgedUploads(0, 0);
        }

        var purged = await objectStore.PurgeAsync(now - Retention, cancellationToken);
        if (purged.MultipartUploadsAborted + purged.ObjectsDeleted > 0)
        {
            db.RecordEvent("AbandonedUploadsPurged", "Maintenance", AbandonedUploadsPurgeJob.Name, JsonSerializer.Serialize(new
            {
                at = now,
                startedBefore = now - Retention,
                multipartUploadsAborted = purged.MultipartUploadsAborted,
                objectsDeleted = purged.ObjectsDeleted,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        return purged;
    }
}
