using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>What one purge of abandoned uploads removed.</summary>
public sealed record PurgedUploads(int MultipartUploadsAborted, int ObjectsDeleted);

/// <summary>
/// Removes what interrupted uploads left under <see cref="ObjectStoreSettings.UploadPrefix"/>: multipart uploads never
/// completed (the app stopped mid-upload) and completed objects that no <c>AttachmentBlobs</c> row names (it stopped
/// between completing the object and recording it). Only what is older than the cutoff: a newer one may be an upload
/// still under way. Contents are never touched: an object a row names stays, and objects under content keys are not
/// looked at.
/// </summary>
public sealed class AbandonedUploadPurge(IAmazonS3 client, ObjectStoreSettings settings, NpgsqlDataSource dataSource, ILogger<AbandonedUploadPurge> logger)
{
    public async Task<PurgedUploads> PurgeAsync(DateTimeOffset startedBefore, CancellationToken cancellationToken)
    {
        var aborted = 0;
        var listing = await client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = settings.Bucket, Prefix = settings.UploadPrefix }, cancellationToken);
        foreach (var upload in listing.MultipartUploads ?? [])
        {
            if (upload.Initiated is { } initiated && initiated.ToUniversalTime() < startedBefore.UtcDateTime)
            {
                await client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = settings.Bucket, Key = upload.Key, UploadId = upload.UploadId }, cancellationToken);
                aborted++;
            }
        }

        var deleted = 0;
        var request = new ListObjectsV2Request { BucketName = settings.Bucket, Prefix = settings.UploadPrefix };
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                if (item.LastModified is { } modified && modified.ToUniversalTime() < startedBefore.UtcDateTime
                    && !await IsNamedAsync(item.Key, cancellationToken))
                {
                    await client.DeleteObjectAsync(settings.Bucket, item.Key, cancellationToken);
                    deleted++;
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        logger.LogInformation("Abandoned uploads purged: {Aborted} multipart uploads aborted, {Deleted} unrecorded objects deleted", aborted, deleted);
        return new PurgedUploads(aborted, deleted);
    }

    private async Task<bool> IsNamedAsync(string key, CancellationToken cancellationToken)
    {
        await using var find = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM \"AttachmentBlobs\" WHERE \"ObjectKey\" = $1)");
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        return (bool)(await find.ExecuteScalarAsync(cancellationToken))!;
    }
}
