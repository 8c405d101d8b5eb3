using System.Buffers.Binary;
using System.IO.Compression;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Follows a PNG's chunks as they stream past and inflates its image data (IDAT) without keeping it: the pixel data must
/// be exactly as long as the header (IHDR) says — width × height × bits per pixel, plus one filter byte per row (per row of
/// each of the seven passes when interlaced). More is a lying header or a decompression bomb, and inflating stops as soon
/// as it is passed; less, a stream that does not inflate, or a file without its end (IEND) is a PNG nobody can decode.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The checks are not disposable; the inflater's native state is a SafeHandle, released at IEND here or by its finalizer when an upload is cut off.")]
internal sealed class PngPixelData
{
    private readonly byte[] _chunkHeader = new byte[8];
    private readonly byte[] _ihdr = new byte[13];
    private readonly byte[] _output = new byte[64 * 1024];
    private readonly PushedBytes _compressed = new();
    private ZLibStream? _inflate;
    private long _offset; // bytes of the file consumed
    private int _headerFill;
    private long _dataLeft;
    private int _crcLeft;
    private string _type = string.Empty;
    private long _expected = -1;
    private long _inflated;
    private bool _ended;

    /// <summary>The header's width and height, once read.</summary>
    public (long Width, long Height)? Size { get; private set; }

    public DomainError? Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            if (_ended)
            {
                return null; // what follows IEND is not image data
            }

            if (_offset < 8)
            {
                var skip = (int)Math.Min(8 - _offset, chunk.Length); // the signature, checked when the kind was sniffed
                _offset += skip;
                chunk = chunk[skip..];
                continue;
            }

            int taken;
            if (_headerFill < 8)
            {
                taken = Math.Min(8 - _headerFill, chunk.Length);
                chunk[..taken].CopyTo(_chunkHeader.AsSpan(_headerFill));
                _headerFill += taken;
                if (_headerFill == 8 && StartChunk() is { } problem)
                {
                    return problem;
                }
            }
            else if (_dataLeft > 0)
            {
                taken = (int)Math.Min(_dataLeft, chunk.Length);
                if (Data(chunk[..taken]) is { } problem)
                {
                    return problem;
                }

                _dataLeft -= taken;
            }
            else
            {
                taken = Math.Min(_crcLeft, chunk.Length);
                _crcLeft -= taken;
            }

            chunk = chunk[taken..];
            _offset += taken;
            if (_headerFill == 8 && _dataLeft == 0 && _crcLeft == 0 && EndChunk() is { } ended)
            {
                return ended;
            }
        }

        return null;
    }

    public DomainError? Finish()
    {
        if (_expected < 0 || !_ended)
        {
            return ImageProblems.Unreadable;
        }

        return _inflated == _expected ? null : ImageProblems.Unreadable;
    }

    private DomainError? StartChunk()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(_chunkHeader);
        if (length > int.MaxValue)
        {
            return ImageProblems.Unreadable;
        }

        _type = System.Text.Encoding.ASCII.GetString(_chunkHeader, 4, 4);
        if ((_type == "IHDR") != (_expected < 0 && Size is null) || (_type == "IHDR" && length != 13))
        {
            return ImageProblems.Unreadable; // IHDR first, once, 13 bytes
        }

        _dataLeft = length;
        _crcLeft = 4;
        return null;
    }

    private DomainError? Data(ReadOnlySpan<byte> data)
    {
        if (_type == "IHDR")
        {
            data.CopyTo(_ihdr.AsSpan(13 - (int)_dataLeft));
            return null;
        }

        return _type == "IDAT" ? Inflate(data) : null;
    }

    private DomainError? EndChunk()
    {
        _headerFill = 0;
        switch (_type)
        {
            case "IHDR":
                var width = BinaryPrimitives.ReadUInt32BigEndian(_ihdr);
                var height = BinaryPrimitives.ReadUInt32BigEndian(_ihdr.AsSpan(4));
                Size = (width, height);
                if (ImageProblems.Judge(width, height) is { } problem)
                {
                    return problem;
                }

                _expected = ExpectedBytes(width, height, _ihdr[8], _ihdr[9], _ihdr[12]);
                return _expected < 0 ? ImageProblems.Unreadable : null;
            case "IEND":
                _ended = true;
                var last = Drain();
                _inflate?.Dispose();
                _inflate = null;
                return last;
            default:
                return null;
        }
    }

    private DomainError? Inflate(ReadOnlySpan<byte> data)
    {
        _compressed.Push(data);
        _inflate ??= new ZLibStream(_compressed, CompressionMode.Decompress);
        return Drain();
    }

    private DomainError? Drain()
    {
        if (_inflate is null)
        {
            return null;
        }

        try
        {
            int read;
            while ((read = _inflate.Read(_output)) > 0)
            {
                _inflated += read;
                if (_inflated > _expected)
                {
                    return ImageProblems.MorePixelsThanDeclared(Size!.Value.Width, Size.Value.Height);
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return ImageProblems.Unreadable;
        }
    }

    // Bytes of filtered scanlines; -1 for a bit depth and colour type the PNG standard does not allow.
    private static long ExpectedBytes(long width, long height, byte bitDepth, byte colourType, byte interlace)
    {
        int? channels = colourType switch
        {
            0 when bitDepth is 1 or 2 or 4 or 8 or 16 => 1,
            2 when bitDepth is 8 or 16 => 3,
            3 when bitDepth is 1 or 2 or 4 or 8 => 1,
            4 when bitDepth is 8 or 16 => 2,
            6 when bitDepth is 8 or 16 => 4,
            _ => null,
        };
        if (channels is null || interlace > 1)
        {
            return -1;
        }

        var bits = channels.Value * bitDepth;
        if (interlace == 0)
        {
            return Rows(width, height, bits);
        }

        // Adam7: (x offset, y offset, x step, y step) of the seven passes.
        ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
        long total = 0;
        for (var p = 0; p < passes.Length; p += 4)
        {
            var w = (width - passes[p] + passes[p + 2] - 1) / passes[p + 2];
            var h = (height - passes[p + 1] + passes[p + 3] - 1) / passes[p + 3];
            total += w > 0 && h > 0 ? Rows(w, h, bits) : 0;
        }

        return total;
    }

    private static long Rows(long width, long height, int bitsPerPixel) => height * (1 + ((width * bitsPerPixel) + 7) / 8);

    /// <summary>A stream the inflater reads what was last pushed from; it answers 0 bytes (for now) when that is used up.</summary>
    private sealed class PushedBytes : Stream
    {
        private byte[] _buffer = [];
        private int _start;
        private int _end;

        public void Push(ReadOnlySpan<byte> data)
        {
            if (_buffer.Length < data.Length)
            {
                _buffer = new byte[data.Length];
            }

            data.CopyTo(_buffer);
            _start = 0;
            _end = data.Length;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(buffer);
            _start += n;
            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
