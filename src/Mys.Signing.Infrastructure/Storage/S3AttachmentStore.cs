using System.Buffers;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Npgsql;
using NpgsqlTypes;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Attachments' bytes in an S3-compatible bucket, one object per content, written once: a content of one part under
/// <c>{prefix}{sha256}</c>; a larger upload streamed to the bucket as it arrives, under a random upload key that its row's
/// <c>ObjectKey</c> names (completed only once every check passed and no row has its SHA-256). The <c>AttachmentBlobs</c>
/// row (metadata only, <c>Location</c> = S3) is written after the object. Contents still held in PostgreSQL (before
/// <c>mys attachments move-to-s3</c>) are read from there. See docs/object-storage.md.
/// </summary>
public sealed class S3AttachmentStore(
    IAmazonS3 client, ObjectStoreSettings settings, NpgsqlDataSource dataSource, PostgresAttachmentStore postgres, TimeProvider clock, ILogger<S3AttachmentStore> logger)
    : IAttachmentStore
{
    private readonly S3ObjectWriter _writer = new(client, settings, logger);

    public ObjectStoreSettings Settings => settings;

    public Task<Result<StoredContent>> SaveAsync(Stream content, ContentKind declared, long maxBytes, CancellationToken cancellationToken) =>
        SaveAsync(content, declared, maxBytes, _ => null, cancellationToken);

    public async Task<Result<StoredContent>> SaveAsync(
        Stream content, ContentKind declared, long maxBytes, Func<ContentKind, AttachmentContentCheck?> checkFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(checkFor);
        var first = ArrayPool<byte>.Shared.Rent(settings.PartSize);
        var firstHandedOver = false;
        UploadInspection? inspection = null;
        try
        {
            var read = await PostgresAttachmentStore.FillAsync(content, first, settings.PartSize, cancellationToken);
            var begun = UploadInspection.Begin(first.AsSpan(0, read), declared, maxBytes, checkFor, logger);
            if (!begun.IsSuccess)
            {
                return Result<StoredContent>.Failure(begun.Error!);
            }

            inspection = begun.Value;
            if (inspection.Append(first.AsSpan(0, read)) is { } problem)
            {
                return Result<StoredContent>.Failure(problem);
            }

            if (read < settings.PartSize)
            {
                // One part: checked and hashed before anything is written, so it goes under its content key.
                if (inspection.Finish() is { } finalProblem)
                {
                    return Result<StoredContent>.Failure(finalProblem);
                }

                var stored = new StoredContent(inspection.Sha256(), read, inspection.Kind, false);
                if (await LocationAsync(stored.Sha256, cancellationToken) is not null)
                {
                    return Result<StoredContent>.Success(stored with { AlreadyStored = true });
                }

                using var body = new MemoryStream(first, 0, read, writable: false);
                return Result<StoredContent>.Success(await WriteAndRecordAsync(body, stored, cancellationToken));
            }

            await using var sender = await MultipartSender.StartAsync(client, settings, settings.NewUploadKey(), inspection.Kind.MediaType(), logger, cancellationToken);
            sender.AdoptFirst(first);
            firstHandedOver = true;
            return await SendRestAsync(content, sender, inspection, read, cancellationToken);
        }
        finally
        {
            inspection?.Dispose();
            if (!firstHandedOver)
            {
                ArrayPool<byte>.Shared.Return(first);
            }
        }
    }

    public async Task<StoredContent> SaveGeneratedAsync(ReadOnlyMemory<byte> content, ContentKind kind, CancellationToken cancellationToken)
    {
        var stored = new StoredContent(Convert.ToHexStringLower(SHA256.HashData(content.Span)), content.Length, kind, false);
        if (await LocationAsync(stored.Sha256, cancellationToken) is not null)
        {
            return stored with { AlreadyStored = true };
        }

        using var source = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return await WriteAndRecordAsync(source, stored, cancellationToken);
    }

    /// <summary>
    /// Copies a content whose SHA-256 is already known (from PostgreSQL, by the move to the object store) into the bucket,
    /// read through a spool file; refused, with nothing written, if the bytes are not that content. The metadata is left
    /// to the caller.
    /// </summary>
    /// <returns>True if written, false if the bucket already had it.</returns>
    public async Task<Result<bool>> CopyInAsync(Stream content, string sha256, ContentKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var received = await ReceivedContent.ReceiveAsync(content, settings.PartSize, settings.SpoolDirectory, block =>
        {
            hash.AppendData(block.Span);
            return null;
        }, cancellationToken);
        await using var spooled = received.Value;
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            logger.LogWarning("Content {Sha256} read back as {Actual} ({Size} bytes): not copied to the object store", sha256, actual, spooled.Length);
            return Result<bool>.Failure("HASH_MISMATCH", $"İçeriğin SHA-256 özeti ({actual}) kayıtlı özetiyle ({sha256}) uyuşmuyor; nesne deposuna yazılmadı.");
        }

        spooled.ReleaseBufferIfSpooled();
        return Result<bool>.Success(await _writer.WriteOnceAsync(spooled.Open(), sha256, spooled.Length, kind.MediaType(), cancellationToken));
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        return await LocationAsync(sha256, cancellationToken) switch
        {
            null => null,
            (AttachmentLocations.S3, var size, var objectKey) => await OpenObjectAsync(sha256, size, objectKey, cancellationToken),
            _ => await postgres.OpenReadAsync(sha256, cancellationToken),
        };
    }

    public async Task<byte[]?> ComputeSha256Async(string sha256, CancellationToken cancellationToken)
    {
        switch (await LocationAsync(sha256, cancellationToken))
        {
            case null:
                return null;
            case (AttachmentLocations.S3, var size, var objectKey):
                await using (var stream = await OpenObjectAsync(sha256, size, objectKey, cancellationToken))
                {
                    return await AttachmentHashing.Sha256Async(stream, cancellationToken);
                }

            default:
                return await postgres.ComputeSha256Async(sha256, cancellationToken);
        }
    }

    /// <summary>The object of a content recorded as held in the bucket; its absence is damage, reported as such.</summary>
    /// <param name="objectKey">The row's <see cref="AttachmentBlob.ObjectKey"/>; null: the content key.</param>
    public async Task<Stream> OpenObjectAsync(string sha256, long size, string? objectKey, CancellationToken cancellationToken)
    {
        var key = objectKey ?? settings.KeyOf(sha256);
        try
        {
            return new ObjectReadStream(await client.GetObjectAsync(settings.Bucket, key, cancellationToken), key, size);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidDataException(
                $"Content {sha256} is recorded as held in the object store, but bucket {settings.Bucket} at {settings.ServiceUrl} has no object {key}.", ex);
        }
    }

    /// <summary>
    /// The rest of an upload larger than one part, sent part by part while it arrives under <paramref name="sender"/>'s
    /// random key: each block is checked before it is sent, and the upload is completed only when every check has passed
    /// and no content with the same SHA-256 is recorded; otherwise it is aborted (the store drops the parts).
    /// </summary>
    private async Task<Result<StoredContent>> SendRestAsync(
        Stream content, MultipartSender sender, UploadInspection inspection, int firstCount, CancellationToken cancellationToken)
    {
        sender.Send(firstCount, cancellationToken);
        for (var read = firstCount; read == settings.PartSize;)
        {
            var buffer = await sender.NextBufferAsync();
            read = await PostgresAttachmentStore.FillAsync(content, buffer, settings.PartSize, cancellationToken);
            if (read == 0)
            {
                break;
            }

            if (inspection.Append(buffer.AsSpan(0, read)) is { } problem)
            {
                return Result<StoredContent>.Failure(problem);
            }

            sender.Send(read, cancellationToken);
        }

        if (inspection.Finish() is { } finalProblem)
        {
            return Result<StoredContent>.Failure(finalProblem);
        }

        var stored = new StoredContent(inspection.Sha256(), inspection.Total, inspection.Kind, false);
        if (await LocationAsync(stored.Sha256, cancellationToken) is not null)
        {
            logger.LogInformation("Upload {Sha256} ({Size} bytes) was already stored; its streamed copy is dropped", stored.Sha256, stored.Size);
            return Result<StoredContent>.Success(stored with { AlreadyStored = true });
        }

        await sender.CompleteAsync(cancellationToken);
        bool recorded;
        try
        {
            recorded = await RecordAsync(stored, sender.Key, cancellationToken);
        }
        catch
        {
            await DeleteQuietlyAsync(sender.Key); // no row names it; left behind, the purge of abandoned uploads takes it
            throw;
        }

        if (!recorded)
        {
            await DeleteQuietlyAsync(sender.Key); // the same content was recorded meanwhile, under its own object
        }

        return Result<StoredContent>.Success(stored with { AlreadyStored = !recorded });
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await client.DeleteObjectAsync(settings.Bucket, key);
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            logger.LogWarning(ex, "Could not delete unrecorded object {Key}; the purge of abandoned uploads removes it", key);
        }
    }

    /// <summary>Writes the object under the content key (unless it is there: objects are never overwritten) and records the content's row.</summary>
    private async Task<StoredContent> WriteAndRecordAsync(Stream source, StoredContent stored, CancellationToken cancellationToken)
    {
        var written = await _writer.WriteOnceAsync(source, stored.Sha256, stored.Size, stored.Kind.MediaType(), cancellationToken);
        var recorded = await RecordAsync(stored, null, cancellationToken);
        if (!written)
        {
            logger.LogInformation("Content {Sha256}: the object was in bucket {Bucket} already", stored.Sha256, settings.Bucket);
        }

        return stored with { AlreadyStored = !recorded };
    }

    /// <summary>Inserts the content's row naming its object (null: the content key); false if a row for it was there.</summary>
    private async Task<bool> RecordAsync(StoredContent stored, string? objectKey, CancellationToken cancellationToken)
    {
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO \"AttachmentBlobs\" (\"Sha256\", \"BlobId\", \"Size\", \"MediaType\", \"StoredAt\", \"Location\", \"ObjectKey\") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (\"Sha256\") DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Sha256 });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stored.Size });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Kind.MediaType() });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AttachmentLocations.S3 });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)objectKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        var recorded = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        logger.LogInformation("Stored {Kind} {Sha256} ({Size} bytes) in bucket {Bucket} as {Key}{Note}", stored.Kind, stored.Sha256, stored.Size, settings.Bucket,
            objectKey ?? settings.KeyOf(stored.Sha256), recorded ? string.Empty : " (recorded already)");
        return recorded;
    }

    /// <summary>Where the content's bytes are, its size and its object key (null: the content key), or null if there is no such content.</summary>
    private async Task<(string Location, long Size, string? ObjectKey)?> LocationAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var find = dataSource.CreateCommand("SELECT \"Location\", \"Size\", \"ObjectKey\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = $1");
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Char });
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }
}
