namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// One linear pass over a file's bytes, done at most once per <see cref="PdfFile"/>: where every "n g obj" header is
/// (outside stream data; the last definition of a number wins), where "trailer" keywords, xref streams, object streams
/// and catalogs are, and every "endstream" (for streams whose /Length is wrong). Used to rebuild a broken xref.
/// </summary>
internal sealed class PdfScanIndex
{
    private readonly int[] _endstreams;

    private PdfScanIndex(int[] endstreams) => _endstreams = endstreams;

    /// <summary>Object number → offset of its last "n g obj" header.</summary>
    public Dictionary<int, int> Offsets { get; } = [];

    /// <summary>Offsets of "trailer" keywords outside stream data, in file order.</summary>
    public List<int> Trailers { get; } = [];

    /// <summary>Header offsets of objects whose dictionary mentions /XRef, /ObjStm or /Catalog.</summary>
    public List<int> XrefStreams { get; } = [];

    public List<int> ObjectStreams { get; } = [];

    public List<int> Catalogs { get; } = [];

    public static PdfScanIndex Build(byte[] bytes)
    {
        var index = new PdfScanIndex([.. Hits(bytes, "endstream"u8)]);
        var headers = new List<int>();
        var regions = new List<(int Start, int End)>();
        var objHits = Hits(bytes, "obj"u8);
        var streamHits = Hits(bytes, "stream"u8);
        var trailerHits = Hits(bytes, "trailer"u8);
        int o = 0, s = 0, t = 0, skipUntil = 0;
        while (true)
        {
            var next = Math.Min(o < objHits.Count ? objHits[o] : int.MaxValue,
                Math.Min(s < streamHits.Count ? streamHits[s] : int.MaxValue, t < trailerHits.Count ? trailerHits[t] : int.MaxValue));
            if (next == int.MaxValue)
            {
                break;
            }

            if (o < objHits.Count && objHits[o] == next)
            {
                o++;
                if (next >= skipUntil && HeaderStart(bytes, next) is var (start, number) && start >= 0)
                {
                    headers.Add(start);
                    index.Offsets[number] = start;
                }
            }
            else if (s < streamHits.Count && streamHits[s] == next)
            {
                s++;
                if (next >= skipUntil && IsStreamKeyword(bytes, next))
                {
                    var end = index.NextEndstream(next + 6);
                    end = end < 0 ? bytes.Length : end;
                    regions.Add((next, end));
                    skipUntil = end + 9;
                }
            }
            else
            {
                t++;
                if (next >= skipUntil && IsKeyword(bytes, next, 7))
                {
                    index.Trailers.Add(next);
                }
            }
        }

        Collect(bytes, "/XRef"u8, headers, regions, index.XrefStreams);
        Collect(bytes, "/ObjStm"u8, headers, regions, index.ObjectStreams);
        Collect(bytes, "/Catalog"u8, headers, regions, index.Catalogs);
        return index;
    }

    /// <summary>Position of the first "endstream" at or after <paramref name="from"/>, or -1.</summary>
    public int NextEndstream(int from)
    {
        var i = Array.BinarySearch(_endstreams, from);
        i = i < 0 ? ~i : i;
        return i < _endstreams.Length ? _endstreams[i] : -1;
    }

    private static void Collect(byte[] bytes, ReadOnlySpan<byte> marker, List<int> headers, List<(int Start, int End)> regions, List<int> into)
    {
        foreach (var hit in Hits(bytes, marker))
        {
            var after = hit + marker.Length;
            if (after < bytes.Length && !PdfParser.IsWhite(bytes[after]) && !PdfParser.IsDelimiter(bytes[after]))
            {
                continue; // "/XRefStm" is not "/XRef"
            }

            var r = regions.BinarySearch((hit, int.MaxValue));
            r = r < 0 ? ~r - 1 : r;
            if (r >= 0 && hit < regions[r].End)
            {
                continue;
            }

            var h = headers.BinarySearch(hit);
            h = h < 0 ? ~h - 1 : h;
            if (h >= 0 && (into.Count == 0 || into[^1] != headers[h]))
            {
                into.Add(headers[h]);
            }
        }
    }

    private static List<int> Hits(byte[] bytes, ReadOnlySpan<byte> value)
    {
        var hits = new List<int>();
        var from = 0;
        while (from < bytes.Length)
        {
            var i = bytes.AsSpan(from).IndexOf(value);
            if (i < 0)
            {
                break;
            }

            hits.Add(from + i);
            from += i + value.Length;
        }

        return hits;
    }

    private static bool IsKeyword(byte[] bytes, int at, int length) =>
        (at == 0 || PdfParser.IsWhite(bytes[at - 1]) || PdfParser.IsDelimiter(bytes[at - 1]))
        && (at + length >= bytes.Length || PdfParser.IsWhite(bytes[at + length]) || PdfParser.IsDelimiter(bytes[at + length]));

    /// <summary>"stream" followed by an end of line, and not the tail of "endstream".</summary>
    private static bool IsStreamKeyword(byte[] bytes, int at) =>
        !(at >= 3 && bytes[at - 3] == 'e' && bytes[at - 2] == 'n' && bytes[at - 1] == 'd')
        && at + 6 < bytes.Length && bytes[at + 6] is 10 or 13;

    /// <summary>For "obj" at <paramref name="at"/>: the start and number of a preceding "n g", or null.</summary>
    private static (int Start, int Number)? HeaderStart(byte[] bytes, int at)
    {
        if (at == 0 || !PdfParser.IsWhite(bytes[at - 1]) || !(at + 3 >= bytes.Length || PdfParser.IsWhite(bytes[at + 3]) || PdfParser.IsDelimiter(bytes[at + 3])))
        {
            return null;
        }

        var q = at - 1;
        q = SkipBack(bytes, q, PdfParser.IsWhite, 16, out var white);
        q = SkipBack(bytes, q, IsDigit, 10, out var genDigits);
        if (white == 0 || genDigits == 0)
        {
            return null;
        }

        q = SkipBack(bytes, q, PdfParser.IsWhite, 16, out white);
        var numberEnd = q;
        q = SkipBack(bytes, q, IsDigit, 10, out var numberDigits);
        if (white == 0 || numberDigits == 0 || (q >= 0 && !PdfParser.IsWhite(bytes[q]) && !PdfParser.IsDelimiter(bytes[q])))
        {
            return null;
        }

        var number = 0L;
        for (var i = q + 1; i <= numberEnd; i++)
        {
            number = (number * 10) + (bytes[i] - '0');
        }

        return number > int.MaxValue ? null : (q + 1, (int)number);
    }

    private static int SkipBack(byte[] bytes, int q, Func<byte, bool> accept, int max, out int count)
    {
        count = 0;
        while (q >= 0 && count < max && accept(bytes[q]))
        {
            q--;
            count++;
        }

        return q;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
