using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Follows a JPEG's markers as they stream past, through the entropy-coded scans, and judges the dimensions of every
/// frame (each start-of-frame segment, not only the first: a hierarchical or multi-frame file can hide a huge one behind
/// a small one). A file that breaks the marker structure, has no frame, or ends before its end-of-image marker (a
/// truncated scan) is one nobody can decode fully.
/// </summary>
internal sealed class JpegFrames
{
    private readonly byte[] _segmentHead = new byte[8]; // marker, length (2), then for a frame: precision, height (2), width (2)
    private State _state = State.Start;
    private int _fill;
    private int _segmentLeft;
    private byte _marker;
    private int _frames;

    private enum State
    {
        Start,
        MarkerPrefix,
        MarkerCode,
        SegmentHead,
        SegmentBody,
        Scan,
        ScanMarker,
        Ended,
    }

    public DomainError? Append(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            if (Step(b) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    public DomainError? Finish() => _state == State.Ended && _frames > 0 ? null : ImageProblems.Unreadable;

    private DomainError? Step(byte b)
    {
        switch (_state)
        {
            case State.Start:
                // SOI (FF D8), checked when the kind was sniffed.
                if (++_fill == 2)
                {
                    _state = State.MarkerPrefix;
                }

                return null;
            case State.MarkerPrefix:
                if (b != 0xFF)
                {
                    return ImageProblems.Unreadable;
                }

                _state = State.MarkerCode;
                return null;
            case State.MarkerCode:
                return Marker(b);
            case State.SegmentHead:
                _segmentHead[_fill++] = b;
                return SegmentHead();
            case State.SegmentBody:
                _segmentLeft--;
                NextAfterBody();
                return null;
            case State.Scan:
                if (b == 0xFF)
                {
                    _state = State.ScanMarker;
                }

                return null;
            case State.ScanMarker:
                // FF 00 is a stuffed byte and FF D0-D7 a restart: both are scan data; FF FF is fill; anything else ends the scan.
                _state = b switch
                {
                    0x00 or (>= 0xD0 and <= 0xD7) => State.Scan,
                    0xFF => State.ScanMarker,
                    _ => State.MarkerCode,
                };
                return _state == State.MarkerCode ? Marker(b) : null;
            default:
                return null; // after EOI
        }
    }

    private DomainError? Marker(byte code)
    {
        switch (code)
        {
            case 0xFF:
                return null; // fill byte
            case 0xD9:
                _state = State.Ended;
                return null;
            case 0x01 or (>= 0xD0 and <= 0xD7):
                _state = State.MarkerPrefix;
                return null;
            case 0xD8 or 0x00:
                return ImageProblems.Unreadable;
            default:
                _marker = code;
                _segmentHead[0] = code;
                _fill = 1;
                _state = State.SegmentHead;
                return null;
        }
    }

    private DomainError? SegmentHead()
    {
        var frame = _marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
        if (_fill == 3)
        {
            var length = (_segmentHead[1] << 8) | _segmentHead[2];
            if (length < 2 || (frame && length < 7))
            {
                return ImageProblems.Unreadable;
            }

            _segmentLeft = length - 2;
            if (!frame)
            {
                NextAfterBody();
            }

            return null;
        }

        if (_fill < _segmentHead.Length)
        {
            return null;
        }

        _frames++;
        _segmentLeft -= 5;
        NextAfterBody();
        var height = (_segmentHead[4] << 8) | _segmentHead[5];
        var width = (_segmentHead[6] << 8) | _segmentHead[7];
        return ImageProblems.Judge(width, height);
    }

    private void NextAfterBody() =>
        _state = _segmentLeft > 0 ? State.SegmentBody : _marker == 0xDA ? State.Scan : State.MarkerPrefix;
}
