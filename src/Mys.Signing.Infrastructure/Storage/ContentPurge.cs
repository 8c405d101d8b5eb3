using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// The only way a stored content goes (issue 20: written once, never overwritten, deleted only by retention): once no
/// row refers to it any more — retention removed its last reference — its <c>AttachmentBlobs</c> row goes, and with it
/// its bytes: the chunks of a content held in PostgreSQL, the object of one held in the bucket. A content that several
/// rows share stays while any of them is left. The database has the last word: the retention trigger refuses to delete
/// a content a retained ÖEB refers to, whatever this class thinks.
/// </summary>
/// <remarks>
/// Only contents stored longer ago than <see cref="Grace"/> are considered, so an upload stored a moment ago and not yet
/// attached to its ÖEB is not taken for an orphan. For a content in the bucket the row is deleted (committed) before the
/// object, under an advisory lock per content that <see cref="S3AttachmentStore"/> takes while it records a content: a
/// writer never records a row for an object the purge is deleting. A crash between the two leaves an object no row
/// names (space, not damage).
/// </remarks>
public sealed class ContentPurge(NpgsqlDataSource dataSource, ILogger<ContentPurge> logger, S3AttachmentStore? objects = null)
{
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    /// <summary>Every column that refers to a stored content by its SHA-256; a content none of them names is unreferenced.</summary>
    internal const string Unreferenced = """
        NOT EXISTS (SELECT 1 FROM "PaymentOrderAttachments" a WHERE a."Sha256" = b."Sha256")
        AND NOT EXISTS (SELECT 1 FROM "SignedPaymentOrderDocuments" d WHERE d."RenderedSha256" = b."Sha256" OR d."CurrentSha256" = b."Sha256")
        AND NOT EXISTS (SELECT 1 FROM "PaymentOrders" o WHERE o."RealizationSignature_SignatureReference" = b."Sha256"
                        OR o."SpendingAuthoritySignature_SignatureReference" = b."Sha256" OR o."AccountingOfficerSignature_SignatureReference" = b."Sha256")
        AND NOT EXISTS (SELECT 1 FROM "StructuredDocuments" s WHERE s."Sha256" = b."Sha256")
        AND NOT EXISTS (SELECT 1 FROM "AuditExportPackages" p WHERE p."DocumentSha256" = b."Sha256")
        AND NOT EXISTS (SELECT 1 FROM "InvoiceOcrQueue" q WHERE q."Sha256" = b."Sha256")
        """;

    /// <summary>Deletes up to <paramref name="limit"/> unreferenced contents stored before <paramref name="now"/> minus <see cref="Grace"/>.</summary>
    /// <returns>How many contents were deleted.</returns>
    public async Task<int> PurgeAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        await using (var find = dataSource.CreateCommand(
                         $"SELECT b.\"Sha256\" FROM \"AttachmentBlobs\" b WHERE b.\"StoredAt\" < $1 AND {Unreferenced} ORDER BY b.\"StoredAt\" LIMIT $2"))
        {
            find.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now - Grace });
            find.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add(reader.GetString(0));
            }
        }

        var deleted = 0;
        foreach (var sha256 in candidates)
        {
            deleted += await PurgeOneAsync(sha256, now - Grace, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }

    /// <summary>The advisory lock that serialises the purge of a content with the recording of the same content.</summary>
    internal static async Task<IAsyncDisposable> LockAsync(NpgsqlConnection connection, string sha256, CancellationToken cancellationToken)
    {
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('mys-content:' || $1, 0))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        return new AdvisoryLock(connection, sha256);
    }

    private async Task<bool> PurgeOneAsync(string sha256, DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var locked = await LockAsync(connection, sha256, cancellationToken);
        string location;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var find = new NpgsqlCommand(
                $"SELECT b.\"Location\", b.\"BlobId\" FROM \"AttachmentBlobs\" b WHERE b.\"Sha256\" = $1 AND b.\"StoredAt\" < $2 AND {Unreferenced} FOR UPDATE",
                connection, transaction);
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Char });
            find.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = storedBefore });
            Guid blobId;
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return false; // referenced again, or gone, since it was found
                }

                (location, blobId) = (reader.GetString(0), reader.GetGuid(1));
            }

            if (location == AttachmentLocations.S3 && objects is null)
            {
                logger.LogWarning("Content {Sha256} is held in an object store this app is not configured for: not purged", sha256);
                return false;
            }

            try
            {
                await using var delete = new NpgsqlCommand("DELETE FROM \"AttachmentBlobs\" WHERE \"Sha256\" = $1", connection, transaction);
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256, NpgsqlDbType = NpgsqlDbType.Char });
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                logger.LogWarning("Content {Sha256} not purged: {Reason}", sha256, ex.MessageText);
                return false;
            }

            await using (var chunks = new NpgsqlCommand("DELETE FROM \"AttachmentChunks\" WHERE \"BlobId\" = $1", connection, transaction))
            {
                chunks.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
                await chunks.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (location == AttachmentLocations.S3)
        {
            await objects!.DeleteObjectAsync(sha256, cancellationToken);
        }

        logger.LogInformation("Purged content {Sha256} ({Location}): no row refers to it any more", sha256, location);
        return true;
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, string sha256) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('mys-content:' || $1, 0))", connection);
            release.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            await release.ExecuteNonQueryAsync();
        }
    }
}
