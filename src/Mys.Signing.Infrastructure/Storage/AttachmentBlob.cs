namespace Mys.Signing.Infrastructure.Storage;

/// <summary>One stored file content, addressed by its SHA-256; its bytes are in <see cref="AttachmentChunk"/> rows.</summary>
public sealed class AttachmentBlob
{
    public required string Sha256 { get; init; }

    public Guid BlobId { get; init; }

    public long Size { get; init; }

    public required string MediaType { get; init; }

    public DateTimeOffset StoredAt { get; init; }
}

/// <summary>A piece (at most 1 MiB) of a blob's bytes; a blob is never one giant bytea.</summary>
public sealed class AttachmentChunk
{
    public Guid BlobId { get; init; }

    public int Sequence { get; init; }

    public required byte[] Data { get; init; }
}
