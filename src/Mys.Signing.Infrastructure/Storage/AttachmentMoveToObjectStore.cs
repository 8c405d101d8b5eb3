using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>What one run of the move did.</summary>
public sealed record AttachmentMoveReport(int Moved, int FoundInBucket, int Refused, long LeftInPostgreSql);

/// <summary>
/// Moves contents whose bytes are still in PostgreSQL into the object store, one at a time and resumable: copy the bytes
/// (refused if they are not the content their SHA-256 names), hash what the bucket then holds, and only if it is that
/// content switch the row to S3 and free the chunks, in one transaction. A run stopped anywhere leaves each content either
/// untouched or wholly moved; the next run finds an object already written, checks it, and switches it.
/// </summary>
public sealed class AttachmentMoveToObjectStore(S3AttachmentStore target, PostgresAttachmentStore source, NpgsqlDataSource dataSource, ILogger logger)
{
    /// <param name="limit">At most this many contents in this run (null: all).</param>
    public async Task<AttachmentMoveReport> RunAsync(int? limit, CancellationToken cancellationToken)
    {
        var (moved, found, refused) = (0, 0, 0);
        foreach (var (sha256, blobId, size, mediaType) in await PendingAsync(limit, cancellationToken))
        {
            var outcome = await MoveAsync(sha256, blobId, size, ContentKinds.FromMediaType(mediaType), cancellationToken);
            switch (outcome)
            {
                case true: moved++; break;
                case false: found++; moved++; break;
                default: refused++; break;
            }
        }

        await using var left = dataSource.CreateCommand("SELECT count(*) FROM \"AttachmentBlobs\" WHERE \"Location\" = 'PostgreSql'");
        return new AttachmentMoveReport(moved, found, refused, (long)(await left.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <returns>True: written and switched; false: the object was there already, checked and switched; null: refused, left as it was.</returns>
    private async Task<bool?> MoveAsync(string sha256, Guid blobId, long size, ContentKind kind, CancellationToken cancellationToken)
    {
        bool written;
        await using (var content = await source.OpenReadAsync(sha256, cancellationToken)
                                   ?? throw new InvalidOperationException($"Content {sha256} disappeared during the move."))
        {
            var copied = await target.CopyInAsync(content, sha256, kind, cancellationToken);
            if (!copied.IsSuccess)
            {
                logger.LogError("Content {Sha256} stays in PostgreSQL: {Error}", sha256, copied.Error);
                return null;
            }

            written = copied.Value;
        }

        await using (var held = await target.OpenObjectAsync(sha256, size, objectKey: null, cancellationToken))
        {
            var hash = Convert.ToHexStringLower(await AttachmentHashing.Sha256Async(held, cancellationToken));
            if (!string.Equals(hash, sha256, StringComparison.Ordinal))
            {
                logger.LogError("Content {Sha256} stays in PostgreSQL: the bucket's object under its key hashes to {Held}", sha256, hash);
                return null;
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var switching = new NpgsqlCommand(
                         "UPDATE \"AttachmentBlobs\" SET \"Location\" = 'S3' WHERE \"Sha256\" = $1 AND \"Location\" = 'PostgreSql'", connection, transaction))
        {
            switching.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Char });
            await switching.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var free = new NpgsqlCommand("DELETE FROM \"AttachmentChunks\" WHERE \"BlobId\" = $1", connection, transaction))
        {
            free.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
            await free.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Moved content {Sha256} ({Size} bytes) to the object store{Note}", sha256, size, written ? string.Empty : " (its object was there already)");
        return written;
    }

    private async Task<List<(string Sha256, Guid BlobId, long Size, string MediaType)>> PendingAsync(int? limit, CancellationToken cancellationToken)
    {
        await using var pending = dataSource.CreateCommand(
            "SELECT \"Sha256\", \"BlobId\", \"Size\", \"MediaType\" FROM \"AttachmentBlobs\" WHERE \"Location\" = 'PostgreSql' ORDER BY \"StoredAt\", \"Sha256\" LIMIT $1");
        pending.Parameters.Add(new NpgsqlParameter<long> { TypedValue = limit ?? long.MaxValue });
        await using var reader = await pending.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, Guid, long, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0).Trim(), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return rows;
    }
}
