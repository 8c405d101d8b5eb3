using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>A stored content: its SHA-256 (lower-case hex), size and what it really is.</summary>
public sealed record StoredContent(string Sha256, long Size, ContentKind Kind, bool AlreadyStored);

/// <summary>
/// Content-addressed storage for attachments. Uploads stream through (never buffered whole) while SHA-256 is
/// computed and the content is checked; a refused upload leaves nothing behind. There is no delete.
/// </summary>
public interface IAttachmentStore
{
    /// <param name="declared">What the user said the file is; the bytes must agree.</param>
    /// <param name="maxBytes">Refused as soon as more than this arrives, not after.</param>
    Task<Result<StoredContent>> SaveAsync(Stream content, ContentKind declared, long maxBytes, CancellationToken cancellationToken) =>
        SaveAsync(content, declared, maxBytes, _ => null, cancellationToken);

    /// <param name="checkFor">
    /// The check of the caller's for the kind the content turned out to be (null: none); it sees every chunk before it is
    /// written, and a problem it finds refuses the upload like the store's own checks: nothing is kept.
    /// </param>
    Task<Result<StoredContent>> SaveAsync(
        Stream content, ContentKind declared, long maxBytes, Func<ContentKind, AttachmentContentCheck?> checkFor, CancellationToken cancellationToken);

    /// <summary>
    /// Stores content the system produced itself (e.g. a rendered or signed ÖEB PDF): no upload checks (the PDF
    /// safety scan is a heuristic for uploads and can trip over compressed bytes), same content-addressing.
    /// </summary>
    Task<StoredContent> SaveGeneratedAsync(ReadOnlyMemory<byte> content, ContentKind kind, CancellationToken cancellationToken);

    /// <summary>A stream over the stored bytes, read chunk by chunk; null if no such content.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>SHA-256 of the bytes the store holds now under <paramref name="sha256"/>, streamed; null if no such content.</summary>
    Task<byte[]?> ComputeSha256Async(string sha256, CancellationToken cancellationToken);
}
