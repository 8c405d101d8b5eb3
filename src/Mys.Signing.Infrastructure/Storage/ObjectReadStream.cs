using Amazon.S3.Model;

namespace Mys.Signing.Infrastructure.Storage;

/// <summary>
/// An object's bytes as they arrive from the server (never buffered whole), with the content's recorded length (callers
/// size arrays by it) and a loud failure if the object ends early or is longer than recorded.
/// </summary>
internal sealed class ObjectReadStream(GetObjectResponse response, string key, long length) : Stream
{
    private readonly Stream _body = response.ResponseStream;
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

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _body.ReadAsync(buffer, cancellationToken);
        _position += read;
        if ((read == 0 && buffer.Length > 0 && _position != length) || _position > length)
        {
            throw new InvalidDataException($"Object {key} gave {_position} bytes; the content has {length}.");
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
