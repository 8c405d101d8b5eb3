using System.Buffers;
using System.Security.Cryptography;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// SHA-256 of stored contents as the verification report needs them: each content streamed through the hash in
/// large pooled blocks (never held whole, no per-chunk arrays), several contents at once so that one is hashed
/// while another is being read from the database.
/// </summary>
public static class AttachmentHashing
{
    /// <summary>Block size of the streamed hashing: the store's chunk size, so one read fills one block.</summary>
    public const int BlockSize = PostgresAttachmentStore.ChunkSize;

    /// <summary>Contents hashed at the same time: the machine's cores, at most 4 (more only queues on the database).</summary>
    public static int DefaultParallelism => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>SHA-256 of everything <paramref name="stream"/> yields, read in <see cref="BlockSize"/> blocks.</summary>
    public static async Task<byte[]> Sha256Async(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BlockSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The SHA-256 (upper-case hex) of each distinct stored content in <paramref name="sha256s"/> as the store holds it now;
    /// contents the store does not have are absent from the result.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> HashAllAsync(IAttachmentStore store, IEnumerable<string> sha256s, CancellationToken cancellationToken) =>
        await HashAllAsync(sha256s, store.ComputeSha256Async, DefaultParallelism, cancellationToken);

    /// <summary>As above with any source of hashes (e.g. in-memory streams in the benchmarks).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> HashAllAsync(IEnumerable<string> keys, Func<string, CancellationToken, Task<byte[]?>> sha256Of,
        int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(sha256Of);
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        var results = new byte[]?[distinct.Length];
        await Parallel.ForAsync(0, distinct.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await sha256Of(distinct[i], ct));
        var hashes = new Dictionary<string, string>(distinct.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            if (results[i] is { } value)
            {
                hashes[distinct[i]] = Convert.ToHexString(value);
            }
        }

        return hashes;
    }
}
