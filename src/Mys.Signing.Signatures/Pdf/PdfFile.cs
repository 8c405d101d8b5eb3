using System.Globalization;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>Where an object lives: at a byte offset (type 1) or inside an object stream (type 2).</summary>
public readonly record struct PdfXrefEntry(int Type, long Offset, int Generation, int StreamNumber, int Index);

/// <summary>
/// A read-only view of a PDF's newest revision: xref chain (tables and streams, /Prev and /XRefStm), trailer,
/// object lookup including object streams, decryption of standard-security files opened with the empty password.
/// Never modifies the bytes. Malformed input raises <see cref="PdfFormatException"/> only; a broken xref is rebuilt by
/// scanning for "n g obj", as other readers do. Every pass over the bytes is linear and done at most once.
/// </summary>
public sealed class PdfFile
{
    /// <summary>How far into the file "%PDF-" may start (junk before the header is accepted, as by other readers).</summary>
    public const int HeaderSearchLimit = 1024;

    /// <summary>Longest chain of objects being resolved at once (object stream in object stream, reference to reference…).</summary>
    public const int MaxResolveDepth = 32;

    /// <summary>Most xref sections followed through /Prev before the chain is treated as broken.</summary>
    public const int MaxXrefSections = 4096;

    private readonly Dictionary<int, PdfXrefEntry> _xref = [];
    private readonly Dictionary<int, PdfObject?> _cache = [];
    private readonly HashSet<int> _resolving = [];
    private readonly Dictionary<int, ObjectStreamIndex> _objectStreams = [];
    private readonly List<string> _repairs = [];
    private PdfScanIndex? _scan;
    private PdfDecryptor? _decryptor;
    private PdfFormatException? _encryptionProblem;
    private int _encryptNumber = -1;

    private PdfFile(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    /// <summary>Where "%PDF-" starts (0 unless junk precedes it); xref offsets may be absolute or relative to it.</summary>
    public int HeaderOffset { get; private set; }

    /// <summary>The newest trailer (or xref stream dictionary).</summary>
    public PdfDictionary Trailer { get; private set; } = new();

    /// <summary>Offset of the newest xref section (the last startxref value).</summary>
    public long StartXref { get; private set; }

    /// <summary>True when the newest section is an xref stream (an update must then use one too).</summary>
    public bool UsesXrefStream { get; private set; }

    /// <summary>True when the xref could not be read and was rebuilt by scanning the file.</summary>
    public bool IsReconstructed { get; private set; }

    /// <summary>True when the trailer names an /Encrypt dictionary.</summary>
    public bool IsEncrypted => Trailer["Encrypt"] is not null and not PdfNull;

    /// <summary>True for an unencrypted file, or an encrypted one this reader opened with the empty user password.</summary>
    public bool CanDecrypt => _encryptionProblem is null;

    /// <summary>Damage tolerated while loading, as reason codes (e.g. XREF_LOOP, BROKEN_XREF, HEADER_OFFSET).</summary>
    public IReadOnlyList<string> Repairs => _repairs;

    public IReadOnlyDictionary<int, PdfXrefEntry> Xref => _xref;

    public int Size => (Trailer["Size"] as PdfNumber)?.IntValue ?? (_xref.Count == 0 ? 1 : _xref.Keys.Max() + 1);

    public PdfDictionary Catalog => ResolveDictionary(Trailer["Root"]) ?? throw new PdfFormatException(PdfFormatReasons.NoRoot, "The trailer's /Root is not a dictionary.");

    public PdfReference CatalogReference => Trailer["Root"] as PdfReference ?? throw new PdfFormatException(PdfFormatReasons.NoRoot, "/Root is not an indirect object.");

    public static PdfFile Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var file = new PdfFile(bytes);
        var header = bytes.AsSpan(0, Math.Min(bytes.Length, HeaderSearchLimit + 5)).IndexOf("%PDF-"u8);
        file.HeaderOffset = Math.Max(header, 0);
        if (header > 0)
        {
            file._repairs.Add("HEADER_OFFSET");
        }

        PdfFormatException? problem = null;
        try
        {
            file.ReadXrefChain();
            file.OpenEncryption();
            file.CheckRoot();
        }
        catch (PdfFormatException ex) when (ex.Reason != PdfFormatReasons.EncryptedUnsupported)
        {
            problem = ex;
        }

        if (problem is not null)
        {
            file._repairs.Add(problem.Reason);
            file.Reconstruct(problem);
        }

        return file;
    }

    public static long FindStartXref(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var index = bytes.AsSpan().LastIndexOf("startxref"u8);
        if (index < 0)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "No startxref.");
        }

        return new PdfParser(bytes, index + 9).ReadLong(PdfFormatReasons.BrokenXref);
    }

    /// <summary>Follows references (also reference-to-reference chains) to the value.</summary>
    public PdfObject? Resolve(PdfObject? value)
    {
        HashSet<int>? seen = null;
        while (value is PdfReference r)
        {
            seen ??= [];
            if (!seen.Add(r.Number))
            {
                throw new PdfFormatException(PdfFormatReasons.ObjectLoop, $"Object {r.Number} refers back to itself.");
            }

            if (seen.Count > MaxResolveDepth)
            {
                throw new PdfFormatException(PdfFormatReasons.DepthLimit, $"Reference chain longer than {MaxResolveDepth}.");
            }

            value = GetObject(r.Number);
        }

        return value;
    }

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

        if (!_xref.TryGetValue(number, out var entry) || entry.Type is not (1 or 2))
        {
            return null;
        }

        if (_encryptionProblem is not null && number != _encryptNumber)
        {
            throw new PdfFormatException(PdfFormatReasons.EncryptedUnsupported, _encryptionProblem.Message);
        }

        if (_resolving.Contains(number))
        {
            throw new PdfFormatException(PdfFormatReasons.ObjectLoop, $"Object {number} is needed to read itself (object stream or /Length loop).");
        }

        if (_resolving.Count >= MaxResolveDepth)
        {
            throw new PdfFormatException(PdfFormatReasons.DepthLimit, $"More than {MaxResolveDepth} objects needed to read object {number}.");
        }

        _resolving.Add(number);
        try
        {
            var value = entry.Type == 1 ? ReadObjectAt(number, entry.Offset) : ReadFromObjectStream(entry.StreamNumber, entry.Index, number);
            _cache[number] = value;
            return value;
        }
        finally
        {
            _resolving.Remove(number);
        }
    }

    public int GenerationOf(int number) => _xref.TryGetValue(number, out var e) && e.Type == 1 ? e.Generation : 0;

    private void ReadXrefChain()
    {
        StartXref = FindStartXref(Bytes);
        var visited = new HashSet<long>();
        long? offset = StartXref;
        var first = true;
        var pendingFree = new List<(int, PdfXrefEntry)>();
        while (offset is long o)
        {
            if (!visited.Add(o))
            {
                _repairs.Add(PdfFormatReasons.XrefLoop);
                break;
            }

            if (visited.Count > MaxXrefSections)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenXref, $"More than {MaxXrefSections} xref sections.");
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
            _xref.TryAdd(number, entry);
        }
    }

    /// <summary>Where a section or object really starts: the offset as written, or (junk before the header) relative to it.</summary>
    private int Locate(long offset, Func<PdfParser, bool> fits)
    {
        foreach (var candidate in HeaderOffset > 0 ? [offset, offset + HeaderOffset] : new[] { offset })
        {
            if (candidate >= 0 && candidate < Bytes.Length && fits(new PdfParser(Bytes, (int)candidate)))
            {
                return (int)candidate;
            }
        }

        return -1;
    }

    private PdfDictionary ReadSection(long offset, bool newest, HashSet<long> visited, List<(int, PdfXrefEntry)> pendingFree)
    {
        var start = Locate(offset, p =>
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

        var parser = new PdfParser(Bytes, start);
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
            if (count > (Bytes.Length - parser.Position) / 5)
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
            _xref.TryAdd(number, entry);
        }

        if (trailer["XRefStm"] is PdfNumber stm && visited.Add(-1 - stm.LongValue))
        {
            // Hybrid file: the stream describes the compressed objects the table lists as free.
            var at = Locate(stm.LongValue, p => p.TryReadObjectHeader(out _, out _));
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
        var parser = new PdfParser(Bytes, offset) { EndstreamFinder = NextEndstream };
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

                _xref.TryAdd(number, entry);
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

    private void OpenEncryption()
    {
        _decryptor = null;
        _encryptionProblem = null;
        _encryptNumber = Trailer["Encrypt"] is PdfReference r ? r.Number : -1;
        if (!IsEncrypted)
        {
            return;
        }

        try
        {
            var encrypt = ResolveDictionary(Trailer["Encrypt"]) ?? throw new PdfFormatException(PdfFormatReasons.EncryptedUnsupported, "/Encrypt is not a dictionary.");
            _decryptor = PdfDecryptor.Open(encrypt, Trailer);
        }
        catch (PdfFormatException ex)
        {
            // Kept, not thrown: the file still loads (IsEncrypted, !CanDecrypt); reading an object then says why not.
            _encryptionProblem = ex;
        }

        // Objects read before the key was known (the /Encrypt dictionary aside) must be read again.
        foreach (var number in _cache.Keys.Where(n => n != _encryptNumber).ToList())
        {
            _cache.Remove(number);
        }
    }

    private void CheckRoot()
    {
        if (Trailer["Root"] is not PdfReference)
        {
            throw new PdfFormatException(PdfFormatReasons.NoRoot, "The trailer has no /Root reference.");
        }

        if (CanDecrypt && ResolveDictionary(Trailer["Root"]) is null)
        {
            throw new PdfFormatException(PdfFormatReasons.NoRoot, "/Root does not resolve to a dictionary.");
        }
    }

    private PdfObject? ReadObjectAt(int number, long offset)
    {
        var start = Locate(offset, p => p.TryReadObjectHeader(out var n, out _) && n == number);
        if (start < 0)
        {
            // The xref points elsewhere (edited or damaged file): use where the object really is.
            var found = Scan().Offsets.TryGetValue(number, out var real) ? real : -1;
            if (found < 0)
            {
                return null;
            }

            start = found;
        }

        var parser = new PdfParser(Bytes, start)
        {
            Resolver = r => _resolving.Contains(r.Number) ? null : GetObject(r.Number),
            EndstreamFinder = NextEndstream,
        };
        var (_, generation, value) = parser.ReadIndirectObject();
        return _decryptor is null || number == _encryptNumber ? value : Decrypt(value, number, generation);
    }

    private PdfObject Decrypt(PdfObject value, int number, int generation)
    {
        var decryptor = _decryptor!;
        switch (value)
        {
            case PdfStream stream:
            {
                var dict = stream.Dictionary;
                var type = dict.NameOf("Type");
                var skip = type == "XRef" || (type == "Metadata" && !decryptor.EncryptMetadata) || PdfFilters.HasIdentityCrypt(dict);
                if (!skip)
                {
                    stream.Data = decryptor.DecryptStream(stream.Data, number, generation);
                }

                DecryptStrings(dict, number, generation, 0);
                return stream;
            }

            case PdfString s:
                return new PdfString(decryptor.DecryptString(s.Bytes, number, generation));
            default:
                DecryptStrings(value, number, generation, 0);
                return value;
        }
    }

    private void DecryptStrings(PdfObject value, int number, int generation, int depth)
    {
        if (depth > PdfParser.MaxDepth)
        {
            return;
        }

        switch (value)
        {
            case PdfArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (array.Items[i] is PdfString s)
                    {
                        array.Items[i] = new PdfString(_decryptor!.DecryptString(s.Bytes, number, generation));
                    }
                    else
                    {
                        DecryptStrings(array.Items[i], number, generation, depth + 1);
                    }
                }

                break;
            case PdfDictionary dict:
                // ISO 32000-2 §7.6.2: a signature dictionary's /Contents is not encrypted (the byte range excludes it).
                var signature = dict.NameOf("Type") is "Sig" or "DocTimeStamp" || (dict["ByteRange"] is PdfArray && dict["Contents"] is PdfString);
                for (var i = 0; i < dict.Entries.Count; i++)
                {
                    var (key, item) = dict.Entries[i];
                    if (item is PdfString s)
                    {
                        if (!(signature && key == "Contents"))
                        {
                            dict.Entries[i] = new(key, new PdfString(_decryptor!.DecryptString(s.Bytes, number, generation)));
                        }
                    }
                    else
                    {
                        DecryptStrings(item, number, generation, depth + 1);
                    }
                }

                break;
            default:
                break;
        }
    }

    private PdfObject? ReadFromObjectStream(int streamNumber, int index, int number)
    {
        if (!_objectStreams.TryGetValue(streamNumber, out var objects))
        {
            if (GetObject(streamNumber) is not PdfStream stream)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, $"Object stream {streamNumber} not found.");
            }

            objects = ObjectStreamIndex.Read(stream, streamNumber);
            _objectStreams[streamNumber] = objects;
        }

        var at = index >= 0 && index < objects.Numbers.Length && objects.Numbers[index] == number ? index : Array.IndexOf(objects.Numbers, number);
        return at < 0 ? null : new PdfParser(objects.Data, objects.Offsets[at]).ReadObject();
    }

    private int NextEndstream(int from) => Scan().NextEndstream(from);

    private PdfScanIndex Scan() => _scan ??= PdfScanIndex.Build(Bytes);

    /// <summary>Rebuilds the xref from every "n g obj" in the file (the last definition wins) and picks the newest usable trailer.</summary>
    private void Reconstruct(PdfFormatException cause)
    {
        var scan = Scan();
        _xref.Clear();
        _cache.Clear();
        _objectStreams.Clear();
        IsReconstructed = true;
        UsesXrefStream = false;
        foreach (var (number, offset) in scan.Offsets)
        {
            _xref[number] = new PdfXrefEntry(1, offset, 0, 0, 0);
        }

        // Trailer candidates in file order: "trailer" dictionaries and xref stream dictionaries.
        var candidates = new List<(int Offset, PdfDictionary Dictionary, bool IsStream)>();
        foreach (var position in scan.Trailers)
        {
            if (TryParse(() => new PdfParser(Bytes, position + 7).ReadObject()) is PdfDictionary d)
            {
                candidates.Add((position, d, false));
            }
        }

        foreach (var offset in scan.XrefStreams)
        {
            if (TryParse(() => new PdfParser(Bytes, offset) { EndstreamFinder = NextEndstream }.ReadIndirectObject().Value) is PdfStream s
                && s.Dictionary.NameOf("Type") == "XRef")
            {
                candidates.Add((offset, s.Dictionary, true));
            }
        }

        candidates.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var trailer = new PdfDictionary();
        foreach (var key in new[] { "Encrypt", "ID", "Info" })
        {
            if (candidates.LastOrDefault(c => c.Dictionary[key] is not null).Dictionary?[key] is { } v)
            {
                trailer[key] = v;
            }
        }

        Trailer = trailer;
        OpenEncryption();

        // Objects inside object streams, where no direct definition exists.
        foreach (var streamOffset in scan.ObjectStreams)
        {
            var parser = new PdfParser(Bytes, streamOffset);
            if (!parser.TryReadObjectHeader(out var streamNumber, out _) || !CanDecrypt)
            {
                continue;
            }

            if (TryParse(() => GetObject(streamNumber)) is PdfStream stream && TryParse(() => ObjectStreamIndex.Read(stream, streamNumber)) is { } objects)
            {
                _objectStreams[streamNumber] = objects;
                for (var i = 0; i < objects.Numbers.Length; i++)
                {
                    _xref.TryAdd(objects.Numbers[i], new PdfXrefEntry(2, 0, 0, streamNumber, i));
                }
            }
        }

        var root = candidates.Select(c => c.Dictionary["Root"]).OfType<PdfReference>().Reverse()
            .FirstOrDefault(r => !CanDecrypt || TryParse(() => ResolveDictionary(r)) is not null);
        root ??= scan.Catalogs.Select(o => new PdfParser(Bytes, o).TryReadObjectHeader(out var n, out var g) ? new PdfReference(n, g) : null)
            .OfType<PdfReference>().Reverse().FirstOrDefault(r => TryParse(() => ResolveDictionary(r)) is not null);
        if (root is null)
        {
            // The first problem is the precise one (a catalog nested too deep stays DEPTH_LIMIT); no object at all is no PDF.
            throw new PdfFormatException(scan.Offsets.Count > 0 ? cause.Reason : PdfFormatReasons.NotPdf,
                $"{cause.Message} Rebuilding the xref by scanning found no usable catalog either.", cause);
        }

        trailer["Root"] = root;
        trailer["Size"] = new PdfNumber(_xref.Count == 0 ? 1 : _xref.Keys.Max() + 1L);
        UsesXrefStream = candidates.Count > 0 && candidates[^1].IsStream;
    }

    /// <summary>Runs a parse whose failure only means "not this candidate" while rebuilding.</summary>
    private static T? TryParse<T>(Func<T?> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }

    /// <summary>An object stream's decoded data with the number and data offset of each object it holds.</summary>
    private sealed record ObjectStreamIndex(byte[] Data, int[] Numbers, int[] Offsets)
    {
        public static ObjectStreamIndex Read(PdfStream stream, int streamNumber)
        {
            var data = PdfFilters.Decode(stream);
            var count = (stream.Dictionary["N"] as PdfNumber)?.LongValue ?? -1;
            var first = (stream.Dictionary["First"] as PdfNumber)?.LongValue ?? -1;
            if (count < 0 || first < 0 || first > data.Length || count > data.Length / 2)
            {
                throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, $"Object stream {streamNumber}: /N or /First invalid.");
            }

            var header = new PdfParser(data);
            var numbers = new int[count];
            var offsets = new int[count];
            for (var i = 0; i < count; i++)
            {
                numbers[i] = header.ReadInt(PdfFormatReasons.BrokenObjectStream);
                var offset = header.ReadInt(PdfFormatReasons.BrokenObjectStream);
                if (first + offset >= data.Length)
                {
                    throw new PdfFormatException(PdfFormatReasons.BrokenObjectStream, $"Object stream {streamNumber}: offset beyond its data.");
                }

                offsets[i] = (int)first + offset;
            }

            return new ObjectStreamIndex(data, numbers, offsets);
        }
    }
}
