namespace Mys.Signing.Infrastructure.Storage;

/// <summary>One stored file content, addressed by its SHA-256; its bytes are in <see cref="AttachmentChunk"/> rows.</summary>
public sealed class AttachmentBlob
{
    public required string Sha256 { get; init; }

    public Guid BlobId { get; init; }

    public long Size { get; init; }

    public required string MediaType { get; init; }

    public DateTimeOffset StoredAt { get; init; }

    /// <summary>Where the bytes are: <see cref="AttachmentLocations.PostgreSql"/> (chunks) or <see cref="AttachmentLocations.S3"/>.</summary>
    public string Location { get; init; } = AttachmentLocations.PostgreSql;

    /// <summary>
    /// The object holding an S3 content's bytes when it is not <c>{prefix}{sha256}</c>: a content streamed to the bucket
    /// under a random upload key while it arrived (its hash was not known yet). Null: the content key.
    /// </summary>
    public string? ObjectKey { get; init; }
}

/// <summary>The values of <see cref="AttachmentBlob.Location"/>.</summary>
public static class AttachmentLocations
{
    public const string PostgreSql = "PostgreSql";

    public const string S3 = "S3";
}

/// <summary>A piece (at most 1 MiB) of a blob's bytes; a blob is never one giant bytea.</summary>
public sealed class AttachmentChunk
{
    public Guid BlobId { get; init; }

    public int Sequence { get; init; }

    public required byte[] Data { get; init; }
}
