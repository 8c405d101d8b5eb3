using System.Buffers;
using System.Data;
using Npgsql;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Reads a stored blob one chunk at a time, so a large attachment is never held in memory whole. Each chunk is one short
/// query (no connection is held while the caller consumes it) read straight into the caller's buffer when it can take
/// the whole chunk, else into one pooled buffer no larger than the blob: no 1 MiB array per chunk for the garbage
/// collector (an export reads thousands; signing reads every ÖEB's 50–120 KB revision).
/// </summary>
internal sealed class ChunkedBlobReadStream(NpgsqlDataSource dataSource, Guid blobId, long length) : Stream
{
    private byte[]? _chunk;
    private int _chunkLength;
    private int _offsetInChunk;
    private int _nextSequence;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offsetInChunk == _chunkLength)
        {
            if (_position >= length)
            {
                return 0;
            }

            var expected = (int)Math.Min(PostgresAttachmentStore.ChunkSize, length - _position);
            if (buffer.Length >= expected)
            {
                // The caller takes the whole chunk (as when a PDF is read into an array of its length): straight into
                // its buffer, no pooled buffer and no copy.
                var read = await ReadChunkAsync(buffer[..expected], cancellationToken);
                _position += read;
                return read;
            }

            // A chunk is at most ChunkSize; a smaller blob rents only what it needs.
            _chunk ??= ArrayPool<byte>.Shared.Rent((int)Math.Min(PostgresAttachmentStore.ChunkSize, length));
            _chunkLength = await ReadChunkAsync(_chunk.AsMemory(0, expected), cancellationToken);
            _offsetInChunk = 0;
        }

        var n = Math.Min(buffer.Length, _chunkLength - _offsetInChunk);
        _chunk.AsMemory(_offsetInChunk, n).CopyTo(buffer);
        _offsetInChunk += n;
        _position += n;
        return n;
    }

    /// <summary>Reads the next chunk into <paramref name="target"/>, which is as long as the chunk should be.</summary>
    private async Task<int> ReadChunkAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var sequence = _nextSequence++;
        await using var command = dataSource.CreateCommand("SELECT \"Data\" FROM \"AttachmentChunks\" WHERE \"BlobId\" = $1 AND \"Sequence\" = $2");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = sequence });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidDataException($"Chunk {sequence} of blob {blobId} is missing.");
        }

        await using var data = await reader.GetStreamAsync(0, cancellationToken);
        var read = await data.ReadAtLeastAsync(target, target.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0 || (read == target.Length && await data.ReadAsync(new byte[1], cancellationToken) > 0))
        {
            throw new InvalidDataException($"Chunk {sequence} of blob {blobId} is empty or larger than the {target.Length} bytes expected.");
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _chunk is not null)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = null;
            _chunkLength = _offsetInChunk = 0;
        }

        base.Dispose(disposing);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
