using System.Buffers.Binary;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// The image file directories of a TIFF, read as the bytes stream past: each page's width and height (tags 256, 257).
/// Writers often put a directory after the image data, so each one is captured when its offset comes by; a directory
/// that points back before what was kept (the first megabyte) ends the walk. Classic TIFF only (BigTIFF has no dimensions here).
/// </summary>
internal sealed class TiffDirectories
{
    private const int HeadLength = 1024 * 1024;
    private const int MaxDirectories = 512;
    private const int MaxEntries = 4096;

    private readonly byte[] _head = new byte[HeadLength];
    private readonly List<byte> _capture = [];
    private readonly HashSet<long> _seen = [];
    private int _headLength;
    private bool? _littleEndian;
    private long _next = -1;
    private bool _done;

    /// <summary>The largest page found so far (by pixel count), or null when none was read.</summary>
    public (long Width, long Height)? Largest { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk, long position)
    {
        if (_done)
        {
            return;
        }

        if (_headLength < HeadLength && position == _headLength)
        {
            var take = Math.Min(chunk.Length, HeadLength - _headLength);
            chunk[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }

        if (_littleEndian is null)
        {
            if (_headLength < 8)
            {
                return;
            }

            if (!ReadHeader())
            {
                _done = true;
                return;
            }
        }

        // Walk every directory whose bytes are now available, either in the kept head or in this chunk.
        while (!_done && _next >= 0)
        {
            if (Directory(_head.AsSpan(0, _headLength), _next) is { } fromHead)
            {
                Read(fromHead);
                continue;
            }

            if (_next < _headLength)
            {
                // Starts in the kept head but is not whole yet: wait while the head still grows.
                _done = _headLength >= HeadLength;
                return;
            }

            if (_capture.Count == 0 && _next < position)
            {
                _done = true; // points back to bytes passed and not kept
                return;
            }

            var from = _next + _capture.Count;
            if (from >= position && from < position + chunk.Length)
            {
                foreach (var b in chunk[(int)(from - position)..])
                {
                    _capture.Add(b);
                }
            }

            if (Directory(_capture.ToArray(), 0) is { } captured)
            {
                _capture.Clear();
                Read(captured);
                continue;
            }

            return;
        }
    }

    private bool ReadHeader()
    {
        var header = _head.AsSpan(0, 8);
        _littleEndian = header[0] == (byte)'I' && header[1] == (byte)'I' ? true : header[0] == (byte)'M' && header[1] == (byte)'M' ? false : null;
        if (_littleEndian is null || U16(header[2..]) != 42)
        {
            return false;
        }

        _next = U32(header[4..]);
        return _next >= 8;
    }

    // A whole directory (count, entries, next offset) starting at offset in the bytes, or null when not all there yet.
    private byte[]? Directory(ReadOnlySpan<byte> bytes, long offset)
    {
        if (offset < 0 || offset + 2 > bytes.Length)
        {
            return null;
        }

        var count = Math.Min(U16(bytes[(int)offset..]), MaxEntries);
        var length = 2 + (12 * count) + 4;
        return offset + length <= bytes.Length ? bytes.Slice((int)offset, length).ToArray() : null;
    }

    private void Read(byte[] directory)
    {
        if (!_seen.Add(_next) || _seen.Count > MaxDirectories)
        {
            _done = true;
            return;
        }

        long width = 0, height = 0;
        var count = U16(directory);
        for (var i = 0; i < count; i++)
        {
            var entry = directory.AsSpan(2 + (12 * i), 12);
            var tag = U16(entry);
            var type = U16(entry[2..]);
            long value = type == 3 ? U16(entry[8..]) : type == 4 ? U32(entry[8..]) : 0;
            if (tag == 256)
            {
                width = value;
            }
            else if (tag == 257)
            {
                height = value;
            }
        }

        if (Largest is not { } largest || width * height > largest.Width * largest.Height)
        {
            Largest = (width, height);
        }

        _next = U32(directory.AsSpan(2 + (12 * count)));
        if (_next == 0)
        {
            _next = -1;
            _done = true;
        }
    }

    private int U16(ReadOnlySpan<byte> bytes) => _littleEndian == true ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private long U32(ReadOnlySpan<byte> bytes) => _littleEndian == true ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
