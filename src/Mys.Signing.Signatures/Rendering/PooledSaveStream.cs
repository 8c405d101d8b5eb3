using System.Buffers;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// A write-only, seekable stream over arrays rented from <see cref="ArrayPool{T}.Shared"/>, for PDFsharp's <c>Save</c>:
/// the saved file is copied out once at its size (<see cref="ToArray"/>) and the buffer goes back to the pool, instead
/// of a new 80 KB <see cref="MemoryStream"/> per document. It grows by renting twice the room.
/// </summary>
internal sealed class PooledSaveStream(int initialCapacity) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _length;
    private int _position;

    public override bool CanRead => false;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 && value <= _length ? (int)value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The bytes written, as a new array of their size.</summary>
    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var end = _position + buffer.Length;
        if (end > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(end, _buffer.Length * 2));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_position));
        _position = end;
        _length = Math.Max(_length, end);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = _position = 0;
        }

        base.Dispose(disposing);
    }
}
