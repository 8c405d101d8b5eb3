using System.Globalization;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// One complete revision of a PDF (the bytes up to one "startxref n %%EOF"), read in place from the whole file's bytes
/// (no copy of the prefix). Objects are parsed once per file: revisions share parsed objects by their byte offset, so a
/// later revision re-reads only what it wrote.
/// </summary>
internal sealed class PdfRevision
{
    private readonly byte[] _bytes;
    private readonly SharedObjects _shared;
    private RevisionMap? _map;

    public PdfRevision(int index, long minEnd, long end, byte[] bytes, long startXref, SharedObjects shared)
    {
        Index = index;
        MinEnd = minEnd;
        End = end;
        _bytes = bytes;
        _shared = shared;
        var visited = new HashSet<long>();
        long? offset = startXref;
        var first = true;
        while (offset is long o && o >= 0 && o < end && visited.Add(o))
        {
            var trailer = ReadSection(o);
            if (first)
            {
                Trailer = trailer;
                first = false;
            }

            offset = (trailer["Prev"] as PdfNumber)?.LongValue;
        }

        if (first)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "revision has no readable xref section");
        }
    }

    public int Index { get; }

    /// <summary>Where "%%EOF" ends; a byte range may end here or after the end-of-line that follows.</summary>
    public long MinEnd { get; }

    public long End { get; }

    /// <summary>The newest trailer (or xref stream dictionary) of this revision.</summary>
    public PdfDictionary Trailer { get; private set; } = new();

    /// <summary>The xref of this revision: its own sections and those before it (the newest entry for a number wins).</summary>
    public Dictionary<int, PdfXrefEntry> Xref { get; } = [];

    /// <summary>What every reachable object is (page content, annotation, form field...); built on first use.</summary>
    public RevisionMap Map => _map ??= RevisionMap.Build(this);

    public PdfObject? Get(int number)
    {
        if (!Xref.TryGetValue(number, out var entry))
        {
            return null;
        }

        return entry.Type switch
        {
            1 => _shared.Direct(entry.Offset, number, this),
            2 when Xref.TryGetValue(entry.StreamNumber, out var stream) && stream.Type == 1 =>
                _shared.Compressed(stream.Offset, entry.Index, () => Get(entry.StreamNumber) as PdfStream),
            _ => null,
        };
    }

    public PdfObject? Resolve(PdfObject? value) => value is PdfReference r ? Get(r.Number) : value;

    /// <summary>A stream's encoded bytes (the revision's streams are read without a copy of them).</summary>
    public ReadOnlySpan<byte> StreamBytes(PdfStream stream) => _shared.StreamBytes(stream);

    /// <summary>The object at a byte offset, its stream bytes (if any) left in the file.</summary>
    internal PdfObject ParseAt(long offset, int number, out (int Start, int Length)? streamExtent)
    {
        var parser = new PdfParser(_bytes, (int)offset) { Resolver = r => r.Number == number ? null : Get(r.Number), SkipStreamData = true };
        var value = parser.ReadIndirectObject().Value;
        streamExtent = value is PdfStream ? parser.LastStreamExtent : null;
        return value;
    }

    public PdfDictionary? Dictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    private PdfDictionary ReadSection(long offset)
    {
        // A section is parsed once per file (every later revision's /Prev chain passes through the earlier ones).
        var section = _shared.Section(offset, ParseSection);
        if (section.IsTable && section.Trailer["XRefStm"] is PdfNumber hybrid && hybrid.LongValue < End)
        {
            AddAll(_shared.Section(hybrid.LongValue, ParseXrefStream).Entries);
        }

        AddAll(section.Entries);
        return section.Trailer;
    }

    private void AddAll(List<(int Number, PdfXrefEntry Entry)> entries)
    {
        foreach (var (number, entry) in entries)
        {
            Add(number, entry);
        }
    }

    private XrefSection ParseSection(long offset)
    {
        var parser = new PdfParser(_bytes, (int)offset);
        parser.SkipWhite();
        if (!_bytes.AsSpan(parser.Position).StartsWith("xref"u8))
        {
            return ParseXrefStream(offset);
        }

        parser.ReadToken();
        var entries = new List<(int Number, PdfXrefEntry Entry)>();
        while (true)
        {
            var token = NextToken(parser);
            if (token.SequenceEqual("trailer"u8))
            {
                break;
            }

            var start = Number(token);
            var count = Number(NextToken(parser));
            for (var i = 0; i < count; i++)
            {
                var at = LongNumber(NextToken(parser));
                var generation = Number(NextToken(parser));
                var inUse = NextToken(parser).SequenceEqual("n"u8);
                entries.Add((start + i, inUse ? new PdfXrefEntry(1, at, generation, 0, 0) : new PdfXrefEntry(0, 0, generation, 0, 0)));
            }
        }

        var trailer = parser.ReadObject() as PdfDictionary ?? throw new PdfFormatException(PdfFormatReasons.BrokenXref, "trailer is not a dictionary");
        return new XrefSection(trailer, entries, IsTable: true);
    }

    /// <summary>The next bare token as the bytes it is (what <see cref="PdfParser.ReadToken"/> reads, without a string).</summary>
    private ReadOnlySpan<byte> NextToken(PdfParser parser)
    {
        parser.SkipWhite();
        var start = parser.Position;
        var end = start;
        while (end < _bytes.Length && !PdfParser.IsWhite(_bytes[end]) && !PdfParser.IsDelimiter(_bytes[end]))
        {
            end++;
        }

        parser.Position = end;
        return _bytes.AsSpan(start, end - start);
    }

    private XrefSection ParseXrefStream(long offset)
    {
        var stream = new PdfParser(_bytes, (int)offset).ReadIndirectObject().Value as PdfStream
            ?? throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref stream unreadable");
        var dict = stream.Dictionary;
        var widths = Integers(dict["W"]);
        var size = (dict["Size"] as PdfNumber)?.IntValue ?? throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref stream without /Size");
        var index = dict["Index"] is PdfArray ? Integers(dict["Index"]) : [0, size];
        if (widths.Length != 3 || widths.Any(w => w is < 0 or > 8) || index.Any(n => n < 0))
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref stream /W or /Index out of range");
        }

        var data = PdfFilters.Decode(stream);
        var entries = new List<(int Number, PdfXrefEntry Entry)>();
        var rowLength = widths.Sum();
        var row = 0;
        for (var s = 0; s + 1 < index.Length; s += 2)
        {
            for (var i = 0; i < index[s + 1]; i++, row++)
            {
                var pos = row * rowLength;
                if (pos + rowLength > data.Length)
                {
                    throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref stream shorter than its /Index");
                }

                var type = widths[0] == 0 ? 1 : (int)Field(data, pos, widths[0]);
                var f2 = Field(data, pos + widths[0], widths[1]);
                var f3 = Field(data, pos + widths[0] + widths[1], widths[2]);
                entries.Add((index[s] + i, type switch
                {
                    1 => new PdfXrefEntry(1, f2, (int)f3, 0, 0),
                    2 => new PdfXrefEntry(2, 0, 0, (int)f2, (int)f3),
                    _ => new PdfXrefEntry(0, 0, 0, 0, 0),
                }));
            }
        }

        return new XrefSection(dict, entries, IsTable: false);
    }

    // An entry pointing past this revision's end would be read from bytes the revision does not contain: not defined here.
    private void Add(int number, PdfXrefEntry entry) =>
        Xref.TryAdd(number, entry.Type == 1 && (entry.Offset >= End || entry.Offset < 0) ? new PdfXrefEntry(0, 0, 0, 0, 0) : entry);

    private static int[] Integers(PdfObject? value) =>
        value is PdfArray array && array.Items.All(i => i is PdfNumber)
            ? array.Items.Select(i => ((PdfNumber)i).IntValue).ToArray()
            : throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref stream array is not a list of numbers");

    private static int Number(ReadOnlySpan<byte> token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref number expected");

    private static long LongNumber(ReadOnlySpan<byte> token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new PdfFormatException(PdfFormatReasons.BrokenXref, "xref offset expected");

    private static long Field(byte[] data, int pos, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | data[pos + i];
        }

        return value;
    }
}

/// <summary>One xref table (with its trailer) or xref stream as parsed, before a revision applies its end to the entries.</summary>
internal sealed record XrefSection(PdfDictionary Trailer, List<(int Number, PdfXrefEntry Entry)> Entries, bool IsTable);

/// <summary>Objects parsed from one file, keyed by where they are stored (shared by all its revisions).</summary>
internal sealed class SharedObjects(byte[] bytes)
{
    private readonly Dictionary<long, PdfObject> _direct = [];
    private readonly Dictionary<(long, int), PdfObject> _compressed = [];
    private readonly Dictionary<long, (byte[] Data, int[] Offsets, int First)> _streams = [];
    private readonly Dictionary<PdfStream, (int Start, int Length)> _extents = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<long, XrefSection> _sections = [];

    public PdfObject Direct(long offset, int number, PdfRevision revision)
    {
        if (!_direct.TryGetValue(offset, out var value))
        {
            value = revision.ParseAt(offset, number, out var extent);
            if (value is PdfStream stream && extent is { } e)
            {
                _extents[stream] = e;
            }

            _direct[offset] = value;
        }

        return value;
    }

    /// <summary>The xref section at an offset, parsed once (what the factory throws is thrown again on the next call).</summary>
    public XrefSection Section(long offset, Func<long, XrefSection> parse)
    {
        if (!_sections.TryGetValue(offset, out var section))
        {
            section = parse(offset);
            _sections[offset] = section;
        }

        return section;
    }

    /// <summary>A stream's encoded bytes: in the file for one read at an offset here, else its own.</summary>
    public ReadOnlySpan<byte> StreamBytes(PdfStream stream) =>
        _extents.TryGetValue(stream, out var e) ? bytes.AsSpan(e.Start, e.Length) : stream.Data;

    public PdfObject? Compressed(long streamOffset, int index, Func<PdfStream?> stream)
    {
        if (_compressed.TryGetValue((streamOffset, index), out var value))
        {
            return value;
        }

        if (!_streams.TryGetValue(streamOffset, out var decoded))
        {
            if (stream() is not { } s)
            {
                return null;
            }

            var data = PdfFilters.Decode(new PdfStream(s.Dictionary, StreamBytes(s).ToArray()));
            var count = (s.Dictionary["N"] as PdfNumber)?.IntValue ?? 0;
            var header = new PdfParser(data);
            var offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                header.ReadToken();
                offsets[i] = int.TryParse(header.ReadToken(), NumberStyles.None, CultureInfo.InvariantCulture, out var o)
                    ? o
                    : throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, "object stream offset expected");
            }

            decoded = (data, offsets, (s.Dictionary["First"] as PdfNumber)?.IntValue ?? 0);
            _streams[streamOffset] = decoded;
        }

        if (index < 0 || index >= decoded.Offsets.Length)
        {
            return null;
        }

        value = new PdfParser(decoded.Data, decoded.First + decoded.Offsets[index]).ReadObject();
        _compressed[(streamOffset, index)] = value;
        return value;
    }
}

/// <summary>
/// The revisions of a PDF from the earliest signed one to the last complete one, and what (if anything) follows the last
/// "%%EOF": appended objects without an xref section or a cut-off update are bytes a reader may render but nobody signed.
/// </summary>
internal sealed class PdfRevisionHistory
{
    private readonly List<PdfRevision> _revisions = [];

    private PdfRevisionHistory()
    {
    }

    public IReadOnlyList<PdfRevision> Revisions => _revisions;

    /// <summary>"UNSIGNED_BYTES_AFTER_LAST_REVISION: …" or "REVISION_INCOMPLETE: …" when the file does not end with a complete revision.</summary>
    public ModificationFinding? Tail { get; private set; }

    public static PdfRevisionHistory Read(byte[] pdf, long firstSignedEnd)
    {
        var history = new PdfRevisionHistory();
        var marks = EndMarks(pdf);
        var lastEnd = marks.Count == 0 ? 0 : marks[^1].End;
        history.Tail = TailFinding(pdf, lastEnd);
        var shared = new SharedObjects(pdf);
        for (var i = 0; i < marks.Count; i++)
        {
            var (minEnd, end, startXref) = marks[i];
            if (end < firstSignedEnd)
            {
                continue;
            }

            if (history._revisions.Count > 0 && startXref < marks[i - 1].End)
            {
                // An update after a signed revision whose startxref points back into earlier bytes lists none of what it
                // appended: readers that rebuild the xref from the objects they find show them, readers that trust it do not.
                // (Only after the first signed revision: a linearized original points back to its first-page xref.)
                history.Tail ??= new ModificationFinding(ModificationLevel.Never, "REVISION_INCOMPLETE",
                    $"update ending at {end} has no xref section of its own (startxref {startXref})",
                    "Belgeye kendi çapraz başvuru tablosu olmayan bir güncelleme eklenmiş; bazı PDF okuyucular imzalanmamış bu içeriği gösterebilir.");
            }

            PdfRevision revision;
            try
            {
                revision = new PdfRevision(history._revisions.Count, minEnd, end, pdf, startXref, shared);
                if (history._revisions.Count > 0 || i < marks.Count - 1)
                {
                    // Only revisions that take part in a comparison need their map (a readable /Root and structure).
                    _ = revision.Map;
                }
            }
            catch (Exception ex) when (PdfReadErrors.Is(ex))
            {
                if (i == marks.Count - 1)
                {
                    history.Tail ??= new ModificationFinding(ModificationLevel.Never, "PDF_UNREADABLE", "last revision unreadable: " + ex.Message,
                        "Belgenin son sürümü okunamıyor (bozuk veya yarım kalmış bir güncelleme); bazı PDF okuyucular imzalanmamış bu içeriği gösterebilir.");
                }

                // A "%%EOF" that is not a readable revision (e.g. a linearization part) merges into the next one.
                continue;
            }

            history._revisions.Add(revision);
        }

        return history;
    }

    /// <summary>The revision a byte range ending at <paramref name="signedEnd"/> covers, or null.</summary>
    public PdfRevision? RevisionEndingAt(long signedEnd) => _revisions.FirstOrDefault(r => signedEnd >= r.MinEnd && signedEnd <= r.End);

    /// <summary>Each "%%EOF" preceded by "startxref n": where the marker ends, where its end-of-line ends, and n.</summary>
    private static List<(long MinEnd, long End, long StartXref)> EndMarks(byte[] pdf)
    {
        var marks = new List<(long, long, long)>();
        var span = pdf.AsSpan();
        var from = 0;
        while (from < pdf.Length)
        {
            var index = span[from..].IndexOf("%%EOF"u8);
            if (index < 0)
            {
                break;
            }

            var at = from + index;
            var minEnd = at + 5;
            var end = minEnd;
            if (end < pdf.Length && pdf[end] == 13)
            {
                end++;
            }

            if (end < pdf.Length && pdf[end] == 10)
            {
                end++;
            }

            var lookBack = Math.Max(0, at - 48);
            var keyword = span[lookBack..at].LastIndexOf("startxref"u8);
            if (keyword >= 0 && long.TryParse(new PdfParser(pdf, lookBack + keyword + 9).ReadToken(), NumberStyles.None, CultureInfo.InvariantCulture, out var startXref))
            {
                marks.Add((minEnd, end, startXref));
            }

            from = end;
        }

        return marks;
    }

    private static ModificationFinding? TailFinding(byte[] pdf, long lastEnd)
    {
        var tail = pdf.AsSpan((int)lastEnd);
        var first = tail.IndexOfAnyExcept(TailPadding);
        if (first < 0)
        {
            return null;
        }

        var extra = tail[first..];
        var count = extra.Length;
        if (lastEnd == 0 || extra.IndexOf("xref"u8) >= 0 || extra.IndexOf("trailer"u8) >= 0)
        {
            return new ModificationFinding(ModificationLevel.Never, "REVISION_INCOMPLETE", $"{count} bytes of an update without %%EOF after offset {lastEnd}",
                $"Belgenin son sürümünden sonra yarım kalmış (kesik) bir güncelleme var ({count} bayt); bazı PDF okuyucular imzalanmamış bu içeriği gösterebilir.");
        }

        return new ModificationFinding(ModificationLevel.Never, "UNSIGNED_BYTES_AFTER_LAST_REVISION", $"{count} bytes after offset {lastEnd}",
            $"Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı {count} bayt eklenmiş (çapraz başvuru tablosu olmadan); bazı PDF okuyucular bu içeriği gösterebilir.");
    }

    private static readonly System.Buffers.SearchValues<byte> TailPadding = System.Buffers.SearchValues.Create([0, 9, 10, 12, 13, 32]);
}

/// <summary>The exceptions our PDF reader throws for malformed input (as opposed to bugs).</summary>
internal static class PdfReadErrors
{
    // FormatException covers PdfFormatException and the revision reader's own number parsing; anything else is a bug.
    public static bool Is(Exception ex) => ex is FormatException;
}
