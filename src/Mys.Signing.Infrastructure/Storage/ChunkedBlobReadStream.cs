using System.Buffers;
using System.Data;
using Npgsql;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// Reads a stored blob one chunk at a time, so a large attachment is never held in memory whole. Each chunk is one short
/// query (no connection is held while the caller consumes it) read into one pooled buffer: no 1 MiB array per chunk
/// for the garbage collector (an export reads thousands).
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

            await ReadChunkAsync(cancellationToken);
        }

        var n = Math.Min(buffer.Length, _chunkLength - _offsetInChunk);
        _chunk.AsMemory(_offsetInChunk, n).CopyTo(buffer);
        _offsetInChunk += n;
        _position += n;
        return n;
    }

    private async Task ReadChunkAsync(CancellationToken cancellationToken)
    {
        _chunk ??= ArrayPool<byte>.Shared.Rent(PostgresAttachmentStore.ChunkSize);
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
        _chunkLength = await data.ReadAtLeastAsync(_chunk, _chunk.Length, throwOnEndOfStream: false, cancellationToken);
        if (_chunkLength == 0 || (_chunkLength == _chunk.Length && await data.ReadAsync(new byte[1], cancellationToken) > 0))
        {
            throw new InvalidDataException($"Chunk {sequence} of blob {blobId} is empty or larger than {PostgresAttachmentStore.ChunkSize} bytes.");
        }

        _offsetInChunk = 0;
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
