using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Npgsql;
using NpgsqlTypes;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Attachments' bytes in an S3-compatible bucket, one object per content under <c>{prefix}{sha256}</c>, written once; the
/// <c>AttachmentBlobs</c> row (metadata only, <c>Location</c> = S3) is written after the object. Contents still held in
/// PostgreSQL (before <c>mys attachments move-to-s3</c>) are read from there. See docs/object-storage.md.
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
        UploadInspection? inspection = null;
        try
        {
            var received = await ReceivedContent.ReceiveAsync(content, settings.PartSize, settings.SpoolDirectory, block =>
            {
                if (inspection is null)
                {
                    var begun = UploadInspection.Begin(block.Span, declared, maxBytes, checkFor, logger);
                    if (!begun.IsSuccess)
                    {
                        return begun.Error;
                    }

                    inspection = begun.Value;
                }

                return inspection.Append(block.Span);
            }, cancellationToken);
            if (!received.IsSuccess)
            {
                return Result<StoredContent>.Failure(received.Error!);
            }

            await using var spooled = received.Value;
            if (inspection!.Finish() is { } problem)
            {
                return Result<StoredContent>.Failure(problem);
            }

            var stored = new StoredContent(inspection.Sha256(), inspection.Total, inspection.Kind, false);
            return Result<StoredContent>.Success(await PublishAsync(spooled, stored, cancellationToken));
        }
        finally
        {
            inspection?.Dispose();
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
            (AttachmentLocations.S3, var size) => await OpenObjectAsync(sha256, size, cancellationToken),
            _ => await postgres.OpenReadAsync(sha256, cancellationToken),
        };
    }

    public async Task<byte[]?> ComputeSha256Async(string sha256, CancellationToken cancellationToken)
    {
        switch (await LocationAsync(sha256, cancellationToken))
        {
            case null:
                return null;
            case (AttachmentLocations.S3, var size):
                await using (var stream = await OpenObjectAsync(sha256, size, cancellationToken))
                {
                    return await AttachmentHashing.Sha256Async(stream, cancellationToken);
                }

            default:
                return await postgres.ComputeSha256Async(sha256, cancellationToken);
        }
    }

    /// <summary>The object of a content recorded as held in the bucket; its absence is damage, reported as such.</summary>
    public async Task<Stream> OpenObjectAsync(string sha256, long size, CancellationToken cancellationToken)
    {
        var key = settings.KeyOf(sha256);
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

    private async Task<StoredContent> PublishAsync(ReceivedContent received, StoredContent stored, CancellationToken cancellationToken)
    {
        if (await LocationAsync(stored.Sha256, cancellationToken) is not null)
        {
            logger.LogInformation("Upload {Sha256} ({Size} bytes) was already stored", stored.Sha256, stored.Size);
            return stored with { AlreadyStored = true };
        }

        received.ReleaseBufferIfSpooled();
        return await WriteAndRecordAsync(received.Open(), stored, cancellationToken);
    }

    /// <summary>Writes the object (unless it is there: objects are never overwritten) and records the content's row.</summary>
    private async Task<StoredContent> WriteAndRecordAsync(Stream source, StoredContent stored, CancellationToken cancellationToken)
    {
        var written = await _writer.WriteOnceAsync(source, stored.Sha256, stored.Size, stored.Kind.MediaType(), cancellationToken);
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO \"AttachmentBlobs\" (\"Sha256\", \"BlobId\", \"Size\", \"MediaType\", \"StoredAt\", \"Location\") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (\"Sha256\") DO NOTHING");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Sha256 });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stored.Size });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Kind.MediaType() });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = AttachmentLocations.S3 });
        var recorded = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        logger.LogInformation("Stored {Kind} {Sha256} ({Size} bytes) in bucket {Bucket}{Note}", stored.Kind, stored.Sha256, stored.Size, settings.Bucket,
            written ? string.Empty : " (the object was there already)");
        return stored with { AlreadyStored = !recorded };
    }

    /// <summary>Where the content's bytes are and its size, or null if there is no such content.</summary>
    private async Task<(string Location, long Size)?> LocationAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var find = dataSource.CreateCommand("SELECT \"Location\", \"Size\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = $1");
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Char });
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }
}
