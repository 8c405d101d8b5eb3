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
        var reader = new PdfXrefReader(Bytes, HeaderOffset, NextEndstream, _xref, _repairs);
        try
        {
            reader.Read();
        }
        finally
        {
            // What was read before a failure stays known (a rebuilt file still appends after the last startxref).
            StartXref = reader.StartXref;
            Trailer = reader.Trailer;
            UsesXrefStream = reader.UsesXrefStream;
        }
    }

    private int Locate(long offset, Func<PdfParser, bool> fits) => PdfXrefReader.Locate(Bytes, HeaderOffset, offset, fits);

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
        return _decryptor is null || number == _encryptNumber ? value : _decryptor.DecryptObject(value, number, generation);
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
}
