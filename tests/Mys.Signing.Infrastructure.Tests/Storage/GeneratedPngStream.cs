using System.Security.Cryptography;

namespace Mys.Signing.Infrastructure.Tests.Storage;

/// <summary>
/// A PNG-looking stream of any length generated on the fly (a unique head, then a repeated random block), hashing what it
/// gives out: a large upload without a large array.
/// </summary>
internal sealed class GeneratedPngStream : Stream
{
    private static readonly byte[] Block = RandomNumberGenerator.GetBytes(1024 * 1024);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _head = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];
    private readonly long _length;
    private long _position;
    private byte[]? _sha256;

    public GeneratedPngStream(long length) => _length = length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    /// <summary>SHA-256 of everything given out (call after the end was read).</summary>
    public byte[] Sha256() => _sha256 ??= _hash.GetHashAndReset();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, _length - _position);
        var target = buffer.AsSpan(offset, n);
        for (var done = 0; done < n;)
        {
            var at = _position + done;
            var piece = at < _head.Length
                ? _head.AsSpan((int)at, Math.Min(n - done, _head.Length - (int)at))
                : Block.AsSpan((int)(at % Block.Length), Math.Min(n - done, Block.Length - (int)(at % Block.Length)));
            piece.CopyTo(target[done..]);
            done += piece.Length;
        }

        _hash.AppendData(target);
        _position += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
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
