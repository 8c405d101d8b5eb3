using System.Globalization;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>Where an object lives: at a byte offset (type 1) or inside an object stream (type 2).</summary>
public readonly record struct PdfXrefEntry(int Type, long Offset, int Generation, int StreamNumber, int Index);

/// <summary>
/// A read-only view of a PDF's newest revision: xref chain (tables and streams, /Prev and /XRefStm), trailer,
/// object lookup including object streams. Never modifies the bytes.
/// </summary>
public sealed class PdfFile
{
    private readonly Dictionary<int, PdfXrefEntry> _xref = [];
    private readonly Dictionary<int, PdfObject> _cache = [];

    private PdfFile(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>The newest trailer (or xref stream dictionary).</summary>
    public PdfDictionary Trailer { get; private set; } = new();

    /// <summary>Offset of the newest xref section (the last startxref value).</summary>
    public long StartXref { get; private set; }

    /// <summary>True when the newest section is an xref stream (an update must then use one too).</summary>
    public bool UsesXrefStream { get; private set; }

    public IReadOnlyDictionary<int, PdfXrefEntry> Xref => _xref;

    public int Size => (Trailer["Size"] as PdfNumber)?.IntValue ?? (_xref.Count == 0 ? 1 : _xref.Keys.Max() + 1);

    public PdfDictionary Catalog => Resolve(Trailer["Root"]) as PdfDictionary ?? throw new FormatException("/Root bulunamadı.");

    public PdfReference CatalogReference => Trailer["Root"] as PdfReference ?? throw new FormatException("/Root dolaylı nesne değil.");

    public static PdfFile Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var file = new PdfFile(bytes);
        file.StartXref = FindStartXref(bytes);
        var visited = new HashSet<long>();
        long? offset = file.StartXref;
        var first = true;
        while (offset is long o && visited.Add(o))
        {
            var trailer = file.ReadSection(o, first);
            if (first)
            {
                file.Trailer = trailer;
                first = false;
            }

            offset = (trailer["Prev"] as PdfNumber)?.LongValue;
        }

        return file;
    }

    public static long FindStartXref(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var index = bytes.AsSpan().LastIndexOf("startxref"u8);
        if (index < 0)
        {
            throw new FormatException("startxref bulunamadı.");
        }

        var parser = new PdfParser(bytes, index + 9);
        return long.Parse(parser.ReadToken(), CultureInfo.InvariantCulture);
    }

    public PdfObject? Resolve(PdfObject? value) => value is PdfReference r ? GetObject(r.Number) : value;

    public PdfDictionary? ResolveDictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    public PdfObject? GetObject(int number)
    {
        if (_cache.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!_xref.TryGetValue(number, out var entry))
        {
            return null;
        }

        PdfObject? value;
        if (entry.Type == 1)
        {
            var parser = new PdfParser(Bytes, (int)entry.Offset) { Resolver = r => r.Number == number ? null : GetObject(r.Number) };
            value = parser.ReadIndirectObject().Value;
        }
        else if (entry.Type == 2)
        {
            value = ReadFromObjectStream(entry.StreamNumber, entry.Index);
        }
        else
        {
            return null;
        }

        _cache[number] = value;
        return value;
    }

    public int GenerationOf(int number) => _xref.TryGetValue(number, out var e) && e.Type == 1 ? e.Generation : 0;

    private PdfObject ReadFromObjectStream(int streamNumber, int index)
    {
        if (GetObject(streamNumber) is not PdfStream stream)
        {
            throw new FormatException("Nesne akışı bulunamadı.");
        }

        var data = PdfFilters.Decode(stream);
        var count = ((PdfNumber)stream.Dictionary["N"]!).IntValue;
        var first = ((PdfNumber)stream.Dictionary["First"]!).IntValue;
        var header = new PdfParser(data);
        var offsets = new int[count];
        for (var i = 0; i < count; i++)
        {
            header.ReadToken();
            offsets[i] = int.Parse(header.ReadToken(), CultureInfo.InvariantCulture);
        }

        return new PdfParser(data, first + offsets[index]).ReadObject();
    }

    private PdfDictionary ReadSection(long offset, bool newest)
    {
        var parser = new PdfParser(Bytes, (int)offset);
        parser.SkipWhite();
        if (Bytes.AsSpan(parser.Position).StartsWith("xref"u8))
        {
            parser.ReadToken();
            var entries = new List<(int Number, PdfXrefEntry Entry)>();
            while (true)
            {
                var token = parser.ReadToken();
                if (string.Equals(token, "trailer", StringComparison.Ordinal))
                {
                    break;
                }

                var start = int.Parse(token, CultureInfo.InvariantCulture);
                var count = int.Parse(parser.ReadToken(), CultureInfo.InvariantCulture);
                for (var i = 0; i < count; i++)
                {
                    var off = long.Parse(parser.ReadToken(), CultureInfo.InvariantCulture);
                    var gen = int.Parse(parser.ReadToken(), CultureInfo.InvariantCulture);
                    var kind = parser.ReadToken();
                    entries.Add((start + i, string.Equals(kind, "n", StringComparison.Ordinal)
                        ? new PdfXrefEntry(1, off, gen, 0, 0)
                        : new PdfXrefEntry(0, 0, gen, 0, 0)));
                }
            }

            var trailer = (PdfDictionary)parser.ReadObject();
            if (trailer["XRefStm"] is PdfNumber stm)
            {
                // Hybrid file: the stream describes the compressed objects the table lists as free.
                ReadXrefStream(stm.LongValue);
            }

            foreach (var (number, entry) in entries)
            {
                _xref.TryAdd(number, entry);
            }

            return trailer;
        }

        if (newest)
        {
            UsesXrefStream = true;
        }

        return ReadXrefStream(offset);
    }

    private PdfDictionary ReadXrefStream(long offset)
    {
        var parser = new PdfParser(Bytes, (int)offset);
        var (_, _, value) = parser.ReadIndirectObject();
        var stream = value as PdfStream ?? throw new FormatException("xref akışı okunamadı.");
        var dict = stream.Dictionary;
        var widths = ((PdfArray)dict["W"]!).Items.Select(i => ((PdfNumber)i).IntValue).ToArray();
        var size = ((PdfNumber)dict["Size"]!).IntValue;
        var index = dict["Index"] is PdfArray ia ? ia.Items.Select(i => ((PdfNumber)i).IntValue).ToArray() : [0, size];
        var data = PdfFilters.Decode(stream);
        var rowLength = widths.Sum();
        var row = 0;
        for (var s = 0; s + 1 < index.Length; s += 2)
        {
            for (var i = 0; i < index[s + 1]; i++, row++)
            {
                var pos = row * rowLength;
                var type = widths[0] == 0 ? 1 : (int)Field(data, pos, widths[0]);
                var f2 = Field(data, pos + widths[0], widths[1]);
                var f3 = Field(data, pos + widths[0] + widths[1], widths[2]);
                _xref.TryAdd(index[s] + i, type switch
                {
                    1 => new PdfXrefEntry(1, f2, (int)f3, 0, 0),
                    2 => new PdfXrefEntry(2, 0, 0, (int)f2, (int)f3),
                    _ => new PdfXrefEntry(0, 0, 0, 0, 0),
                });
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

        return value;
    }
}
