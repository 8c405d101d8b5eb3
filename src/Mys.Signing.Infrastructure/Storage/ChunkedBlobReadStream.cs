using Npgsql;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>Reads a stored blob one chunk at a time, so a large attachment is never held in memory whole.</summary>
internal sealed class ChunkedBlobReadStream(NpgsqlDataSource dataSource, Guid blobId, long length) : Stream
{
    private byte[] _chunk = [];
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
        if (_offsetInChunk == _chunk.Length)
        {
            if (_position >= length)
            {
                return 0;
            }

            await using var command = dataSource.CreateCommand("SELECT \"Data\" FROM \"AttachmentChunks\" WHERE \"BlobId\" = $1 AND \"Sequence\" = $2");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = blobId });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _nextSequence++ });
            _chunk = (byte[]?)await command.ExecuteScalarAsync(cancellationToken)
                     ?? throw new InvalidDataException($"Chunk {_nextSequence - 1} of blob {blobId} is missing.");
            _offsetInChunk = 0;
        }

        var n = Math.Min(buffer.Length, _chunk.Length - _offsetInChunk);
        _chunk.AsMemory(_offsetInChunk, n).CopyTo(buffer);
        _offsetInChunk += n;
        _position += n;
        return n;
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
