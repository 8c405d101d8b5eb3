using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Writes a content once under its content key (<c>{prefix}{sha256}</c>): never over an object already there. Up to one
/// part in one request; larger contents as a multipart upload in <see cref="ObjectStoreSettings.PartSize"/> parts, up to
/// <see cref="ObjectStoreSettings.PartsInFlight"/> sent at once from as many pooled buffers (the next part is read while
/// the others are sent), so memory stays at that many parts whatever the size. The bytes
/// are hashed again as they are sent and the upload is completed only if they are the content the key names.
/// </summary>
internal sealed class S3ObjectWriter(IAmazonS3 client, ObjectStoreSettings settings, ILogger logger)
{
    /// <summary>Writes <paramref name="size"/> bytes of <paramref name="source"/> under <paramref name="sha256"/>'s key.</summary>
    /// <returns>False when an object of that size was already there (nothing written).</returns>
    /// <exception cref="InvalidDataException">The bytes read are not the content <paramref name="sha256"/> names (nothing written).</exception>
    public async Task<bool> WriteOnceAsync(Stream source, string sha256, long size, string mediaType, CancellationToken cancellationToken)
    {
        var key = settings.KeyOf(sha256);
        if (await SizeOfAsync(key, cancellationToken) is { } existing)
        {
            return existing == size
                ? false
                : throw new InvalidDataException($"Object {key} in bucket {settings.Bucket} has {existing} bytes, not the {size} of the content it names; it is not overwritten.");
        }

        if (size <= settings.PartSize)
        {
            return await PutWholeAsync(source, sha256, key, (int)size, mediaType, cancellationToken);
        }

        await PutInPartsAsync(source, sha256, key, size, mediaType, cancellationToken);
        return true;
    }

    /// <summary>The size of the object under <paramref name="key"/>, or null if there is none.</summary>
    public async Task<long?> SizeOfAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await client.GetObjectMetadataAsync(settings.Bucket, key, cancellationToken);
            return head.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> PutWholeAsync(Stream source, string sha256, string key, int size, string mediaType, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var read = await PostgresAttachmentStore.FillAsync(source, buffer, size, cancellationToken);
            EnsureContent(sha256, SHA256.HashData(buffer.AsSpan(0, read)), read, size);
            using var body = new MemoryStream(buffer, 0, read, writable: false);
            // No If-None-Match: Swift's s3api refuses conditional PUTs (501). The key is checked just before, and a
            // concurrent writer of the same key can only be writing these very bytes (the key is their SHA-256).
            await client.PutObjectAsync(
                new PutObjectRequest { BucketName = settings.Bucket, Key = key, InputStream = body, AutoCloseStream = false, ContentType = mediaType, UseChunkEncoding = false },
                cancellationToken);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PutInPartsAsync(Stream source, string sha256, string key, long size, string mediaType, CancellationToken cancellationToken)
    {
        await using var sender = await MultipartSender.StartAsync(client, settings, key, mediaType, logger, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long sent = 0;
        while (sent < size)
        {
            var buffer = await sender.NextBufferAsync();
            var read = await PostgresAttachmentStore.FillAsync(source, buffer, (int)Math.Min(settings.PartSize, size - sent), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException($"Content {sha256} ended after {sent} of its {size} bytes.");
            }

            hash.AppendData(buffer, 0, read);
            sent += read;
            sender.Send(read, cancellationToken);
        }

        // Disposed without completing (a mismatch below, a failed part), the upload is aborted: nothing under the key.
        EnsureContent(sha256, hash.GetHashAndReset(), sent, size);
        await sender.CompleteAsync(cancellationToken);
    }

    private static void EnsureContent(string sha256, byte[] actual, long read, long size)
    {
        if (read != size || !string.Equals(Convert.ToHexStringLower(actual), sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The {read} bytes read to store under {sha256} ({size} expected) are not that content; nothing was written.");
        }
    }
}
