namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Reads a file's cross-reference chain, newest section first: xref tables and streams, /Prev and the /XRefStm of hybrid
/// files, into the entries the file resolves objects through (the newest entry for a number wins). Throws
/// <see cref="PdfFormatException"/> on a broken chain; the file then rebuilds it by scanning.
/// </summary>
internal sealed class PdfXrefReader(byte[] bytes, int headerOffset, Func<int, int> nextEndstream, Dictionary<int, PdfXrefEntry> xref, List<string> repairs)
{
    /// <summary>The newest trailer (or xref stream dictionary).</summary>
    public PdfDictionary Trailer { get; private set; } = new();

    /// <summary>Offset of the newest xref section (the last startxref value).</summary>
    public long StartXref { get; private set; }

    /// <summary>True when the newest section is an xref stream.</summary>
    public bool UsesXrefStream { get; private set; }

    public void Read()
    {
        StartXref = PdfFile.FindStartXref(bytes);
        var visited = new HashSet<long>();
        long? offset = StartXref;
        var first = true;
        var pendingFree = new List<(int, PdfXrefEntry)>();
        while (offset is long o)
        {
            if (!visited.Add(o))
            {
                repairs.Add(PdfFormatReasons.XrefLoop);
                break;
            }

            if (visited.Count > PdfFile.MaxXrefSections)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"More than {PdfFile.MaxXrefSections} xref sections.");
            }

            var trailer = ReadSection(o, first, visited, pendingFree);
            if (first)
            {
                Trailer = trailer;
                first = false;
            }

            offset = trailer["Prev"] is PdfNumber prev ? prev.LongValue : null;
        }

        // Free entries of hybrid tables go last: the /XRefStm stream describes those objects.
        foreach (var (number, entry) in pendingFree)
        {
            xref.TryAdd(number, entry);
        }
    }

    private PdfDictionary ReadSection(long offset, bool newest, HashSet<long> visited, List<(int, PdfXrefEntry)> pendingFree)
    {
        var start = Locate(bytes, headerOffset, offset, p =>
        {
            var at = p.Position;
            if (p.ReadToken() == "xref")
            {
                return true;
            }

            p.Position = at;
            return p.TryReadObjectHeader(out _, out _);
        });
        if (start < 0)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"No xref section at offset {offset}.");
        }

        var parser = new PdfParser(bytes, start);
        if (parser.ReadToken() != "xref")
        {
            if (newest)
            {
                UsesXrefStream = true;
            }

            return ReadXrefStream(start);
        }

        var entries = new List<(int Number, PdfXrefEntry Entry)>();
        while (true)
        {
            var save = parser.Position;
            var token = parser.ReadToken();
            if (token == "trailer")
            {
                break;
            }

            parser.Position = save;
            var first = parser.ReadInt(PdfFormatReasons.BrokenXref);
            var count = parser.ReadInt(PdfFormatReasons.BrokenXref);
            if (count > (bytes.Length - parser.Position) / 5)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"Xref subsection of {count} entries cannot fit the file.");
            }

            for (var i = 0; i < count; i++)
            {
                var off = parser.ReadLong(PdfFormatReasons.BrokenXref);
                var gen = parser.ReadInt(PdfFormatReasons.BrokenXref);
                var kind = parser.ReadToken();
                var number = (long)first + i;
                if (number > int.MaxValue)
                {
                    throw new PdfFormatException(PdfFormatReasons.BrokenXref, "Object number beyond 2^31.");
                }

                entries.Add(((int)number, kind switch
                {
                    "n" => new PdfXrefEntry(1, off, gen, 0, 0),
                    "f" => new PdfXrefEntry(0, 0, gen, 0, 0),
                    _ => throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"Xref entry kind '{kind}' is neither n nor f."),
                }));
            }
        }

        if (parser.ReadObject() is not PdfDictionary trailer)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "The trailer is not a dictionary.");
        }

        foreach (var (number, entry) in entries.Where(e => e.Entry.Type == 1))
        {
            xref.TryAdd(number, entry);
        }

        if (trailer["XRefStm"] is PdfNumber stm && visited.Add(-1 - stm.LongValue))
        {
            // Hybrid file: the stream describes the compressed objects the table lists as free.
            var at = Locate(bytes, headerOffset, stm.LongValue, p => p.TryReadObjectHeader(out _, out _));
            if (at < 0)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"No xref stream at /XRefStm {stm.LongValue}.");
            }

            ReadXrefStream(at);
        }

        pendingFree.AddRange(entries.Where(e => e.Entry.Type != 1));
        return trailer;
    }

    private PdfDictionary ReadXrefStream(int offset)
    {
        // Xref streams are never encrypted, and their /Length must be direct: no object lookup here.
        var parser = new PdfParser(bytes, offset) { EndstreamFinder = nextEndstream };
        var (_, _, value) = parser.ReadIndirectObject();
        var stream = value as PdfStream ?? throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"Object at {offset} is not an xref stream.");
        var dict = stream.Dictionary;
        var widths = (dict["W"] as PdfArray)?.Items.Select(i => (i as PdfNumber)?.IntValue ?? -1).ToArray();
        if (widths is not { Length: >= 3 } || widths.Any(w => w is < 0 or > 8) || widths.Sum() == 0 || dict["Size"] is not PdfNumber sizeNumber)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "Xref stream /W or /Size invalid.");
        }

        var size = sizeNumber.IntValue;
        var index = dict["Index"] is PdfArray ia ? ia.Items.Select(i => (i as PdfNumber)?.LongValue ?? -1).ToArray() : [0, size];
        var data = PdfFilters.Decode(stream);
        var rowLength = widths.Sum();
        var rows = data.Length / rowLength;
        var row = 0;
        for (var s = 0; s + 1 < index.Length && row < rows; s += 2)
        {
            if (index[s] < 0 || index[s + 1] < 0 || index[s] + index[s + 1] > int.MaxValue)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenXref, "Xref stream /Index invalid.");
            }

            for (var i = 0; i < index[s + 1] && row < rows; i++, row++)
            {
                var pos = row * rowLength;
                var type = widths[0] == 0 ? 1 : Field(data, pos, widths[0]);
                var f2 = Field(data, pos + widths[0], widths[1]);
                var f3 = Field(data, pos + widths[0] + widths[1], widths[2]);
                var entry = type switch
                {
                    1 when f3 <= int.MaxValue => new PdfXrefEntry(1, f2, (int)f3, 0, 0),
                    2 when f2 <= int.MaxValue && f3 <= int.MaxValue => new PdfXrefEntry(2, 0, 0, (int)f2, (int)f3),
                    _ => new PdfXrefEntry(0, 0, 0, 0, 0),
                };
                var number = (int)(index[s] + i);
                if (entry.Type == 0)
                {
                    continue;
                }

                xref.TryAdd(number, entry);
            }
        }

        return dict;
    }

    private static long Field(byte[] data, int pos, int width)
    {
        long value = 0;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | data[pos + i];
        }

        return value & long.MaxValue;
    }

    /// <summary>Where a section or object really starts: the offset as written, or (junk before the header) relative to it.</summary>
    public static int Locate(byte[] bytes, int headerOffset, long offset, Func<PdfParser, bool> fits)
    {
        foreach (var candidate in headerOffset > 0 ? [offset, offset + headerOffset] : new[] { offset })
        {
            if (candidate >= 0 && candidate < bytes.Length && fits(new PdfParser(bytes, (int)candidate)))
            {
                return (int)candidate;
            }
        }

        return -1;
    }
}
