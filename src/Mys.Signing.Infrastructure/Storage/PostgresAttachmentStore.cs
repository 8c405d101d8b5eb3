using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Npgsql;
using NpgsqlTypes;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Attachments in PostgreSQL: 1 MiB chunks in <c>AttachmentChunks</c> (stored uncompressed: PDFs and images are
/// compressed already), one row per content in <c>AttachmentBlobs</c>. The whole upload is one transaction, so a
/// refused or broken upload stores nothing; identical content is stored once.
/// </summary>
public sealed class PostgresAttachmentStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PostgresAttachmentStore> logger) : IAttachmentStore
{
    public const int ChunkSize = 1024 * 1024;

    public Task<Result<StoredContent>> SaveAsync(Stream content, ContentKind declared, long maxBytes, CancellationToken cancellationToken) =>
        SaveAsync(content, declared, maxBytes, _ => null, cancellationToken);

    public async Task<Result<StoredContent>> SaveAsync(
        Stream content, ContentKind declared, long maxBytes, Func<ContentKind, AttachmentContentCheck?> checkFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(checkFor);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var first = await FillAsync(content, buffer, ChunkSize, cancellationToken);
            var begun = UploadInspection.Begin(buffer.AsSpan(0, first), declared, maxBytes, checkFor, logger);
            if (!begun.IsSuccess)
            {
                return Result<StoredContent>.Failure(begun.Error!);
            }

            using var inspection = begun.Value;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var blobId = Guid.NewGuid();
            // Binary COPY: the chunks stream to the server in one command instead of one INSERT round trip each.
            // Leaving without CompleteAsync cancels the COPY, and the transaction rolls back: nothing is stored.
            await using (var import = await connection.BeginBinaryImportAsync(
                             "COPY \"AttachmentChunks\" (\"BlobId\", \"Sequence\", \"Data\") FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                var read = first;
                for (var index = 0; read > 0; index++)
                {
                    var chunk = buffer.AsMemory(0, read);
                    if (inspection.Append(chunk.Span) is { } problem)
                    {
                        return Result<StoredContent>.Failure(problem);
                    }

                    await import.StartRowAsync(cancellationToken);
                    await import.WriteAsync(blobId, NpgsqlDbType.Uuid, cancellationToken);
                    await import.WriteAsync(index, NpgsqlDbType.Integer, cancellationToken);
                    await import.WriteAsync(chunk, NpgsqlDbType.Bytea, cancellationToken);
                    read = await FillAsync(content, buffer, ChunkSize, cancellationToken);
                }

                if (inspection.Finish() is { } finalProblem)
                {
                    return Result<StoredContent>.Failure(finalProblem);
                }

                await import.CompleteAsync(cancellationToken);
            }

            var stored = new StoredContent(inspection.Sha256(), inspection.Total, inspection.Kind, false);
            return await CommitAsync(connection, transaction, stored, blobId, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<StoredContent> SaveGeneratedAsync(ReadOnlyMemory<byte> content, ContentKind kind, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var blobId = Guid.NewGuid();
        await using var insert = new NpgsqlCommand("INSERT INTO \"AttachmentChunks\" (\"BlobId\", \"Sequence\", \"Data\") VALUES ($1, $2, $3)", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
        var sequence = new NpgsqlParameter<int>();
        var data = new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea };
        insert.Parameters.Add(sequence);
        insert.Parameters.Add(data);
        for (var (offset, index) = (0, 0); offset < content.Length; offset += ChunkSize, index++)
        {
            sequence.TypedValue = index;
            data.TypedValue = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = await CommitAsync(connection, transaction, new StoredContent(sha, content.Length, kind, false), blobId, cancellationToken);
        return stored.Value;
    }

    // Typed character(n) like the key column: a text parameter would compare "Sha256"::text = $1, which cannot use the
    // primary key (a sequential scan of every blob per read).
    private static NpgsqlParameter<string> KeyParameter(string sha256) => new() { TypedValue = sha256, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Char };

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var find = new NpgsqlCommand("SELECT \"BlobId\", \"Size\", \"Location\" FROM \"AttachmentBlobs\" WHERE \"Sha256\" = $1", connection);
        find.Parameters.Add(KeyParameter(sha256));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetString(2) == AttachmentLocations.PostgreSql
            ? new ChunkedBlobReadStream(dataSource, reader.GetGuid(0), reader.GetInt64(1))
            : throw new InvalidOperationException($"Content {sha256} is held in the object store, but {ObjectStoreSettings.StoreKey} is not S3 here.");
    }

    public async Task<byte[]?> ComputeSha256Async(string sha256, CancellationToken cancellationToken)
    {
        // One query for all chunks, read straight off the connection (sequential access) into one pooled block:
        // no per-chunk round trip and no 1 MiB array per chunk as OpenReadAsync has.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var read = new NpgsqlCommand(
            "SELECT c.\"Sequence\", c.\"Data\", b.\"Size\" FROM \"AttachmentBlobs\" b JOIN \"AttachmentChunks\" c ON c.\"BlobId\" = b.\"BlobId\" WHERE b.\"Sha256\" = $1 ORDER BY c.\"Sequence\"",
            connection);
        read.Parameters.Add(KeyParameter(sha256));
        await using var reader = await read.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            long size = -1;
            var expected = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.GetInt32(0) != expected++)
                {
                    throw new InvalidDataException($"Chunk {expected - 1} of content {sha256} is missing.");
                }

                await using (var data = await reader.GetStreamAsync(1, cancellationToken))
                {
                    int n;
                    while ((n = await data.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, n);
                        total += n;
                    }
                }

                size = reader.GetInt64(2);
            }

            if (expected == 0)
            {
                return null;
            }

            return total == size ? hash.GetHashAndReset() : throw new InvalidDataException($"Content {sha256} has {total} of its {size} bytes.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<Result<StoredContent>> CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredContent stored, Guid blobId, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"AttachmentBlobs\" (\"Sha256\", \"BlobId\", \"Size\", \"MediaType\", \"StoredAt\") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (\"Sha256\") DO NOTHING",
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Sha256 });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stored.Size });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored.Kind.MediaType() });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            // Same content already stored (maybe by a concurrent upload): keep that one, drop these chunks.
            await transaction.RollbackAsync(cancellationToken);
            logger.LogInformation("Upload {Sha256} ({Size} bytes) was already stored", stored.Sha256, stored.Size);
            return Result<StoredContent>.Success(stored with { AlreadyStored = true });
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Stored {Kind} {Sha256} ({Size} bytes)", stored.Kind, stored.Sha256, stored.Size);
        return Result<StoredContent>.Success(stored);
    }

    /// <summary>Reads until <paramref name="length"/> bytes are in <paramref name="buffer"/> or the stream ends.</summary>
    internal static async Task<int> FillAsync(Stream stream, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled, length - filled), cancellationToken);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return filled;
    }
}
