using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// A look at an uploaded attachment's bytes as they stream into storage, for what must never be stored: each chunk is
/// appended in order, and <see cref="Finish"/> gives the verdict after the last one. The first problem found ends the upload;
/// nothing of a refused file is kept.
/// </summary>
public abstract class AttachmentContentCheck
{
    /// <summary>The bytes seen so far.</summary>
    protected long Position { get; private set; }

    /// <returns>A problem as soon as one is certain, else null.</returns>
    public DomainError? Append(ReadOnlySpan<byte> chunk)
    {
        var problem = Inspect(chunk);
        Position += chunk.Length;
        return problem;
    }

    /// <returns>The problem with the whole file, or null when it may be stored.</returns>
    public abstract DomainError? Finish();

    /// <summary>Inspects the next chunk; <see cref="Position"/> is the offset of its first byte.</summary>
    protected abstract DomainError? Inspect(ReadOnlySpan<byte> chunk);
}
