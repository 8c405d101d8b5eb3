using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// One complete revision of a PDF (the bytes up to one "startxref n %%EOF"). Objects are parsed once per file:
/// revisions share parsed objects by their byte offset, so a later revision re-reads only what it wrote.
/// </summary>
internal sealed class PdfRevision(int index, long minEnd, long end, PdfFile file, Dictionary<long, PdfObject> shared)
{
    private RevisionMap? _map;

    public int Index { get; } = index;

    /// <summary>Where "%%EOF" ends; a byte range may end here or after the end-of-line that follows.</summary>
    public long MinEnd { get; } = minEnd;

    public long End { get; } = end;

    public PdfFile File { get; } = file;

    /// <summary>What every reachable object is (page content, annotation, form field...); built on first use.</summary>
    public RevisionMap Map => _map ??= RevisionMap.Build(this);

    public PdfObject? Get(int number)
    {
        if (!File.Xref.TryGetValue(number, out var entry) || entry.Type == 0)
        {
            return null;
        }

        if (entry.Type != 1)
        {
            return File.GetObject(number);
        }

        if (shared.TryGetValue(entry.Offset, out var cached))
        {
            return cached;
        }

        var parser = new PdfParser(File.Bytes, (int)entry.Offset) { Resolver = r => r.Number == number ? null : Get(r.Number) };
        var value = parser.ReadIndirectObject().Value;
        shared[entry.Offset] = value;
        return value;
    }

    public PdfObject? Resolve(PdfObject? value) => value is PdfReference r ? Get(r.Number) : value;

    public PdfDictionary? Dictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };
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

    public static PdfRevisionHistory Read(byte[] pdf, PdfFile final, long firstSignedEnd)
    {
        var history = new PdfRevisionHistory();
        var marks = EndMarks(pdf);
        var lastEnd = marks.Count == 0 ? 0 : marks[^1].End;
        history.Tail = TailFinding(pdf, lastEnd);
        var shared = new Dictionary<long, PdfObject>();
        for (var i = 0; i < marks.Count; i++)
        {
            var (minEnd, end) = marks[i];
            if (end < firstSignedEnd)
            {
                continue;
            }

            PdfFile file;
            try
            {
                file = end == pdf.Length ? final : PdfFile.Load(pdf[..(int)end]);
                _ = file.CatalogReference;
            }
            catch (Exception ex) when (PdfReadErrors.Is(ex))
            {
                if (i == marks.Count - 1)
                {
                    history.Tail ??= new ModificationFinding(ModificationLevel.Never, "REVISION_INCOMPLETE", "last revision unreadable: " + ex.Message,
                        "Belgenin son sürümü okunamıyor (yarım kalmış bir güncelleme); bazı PDF okuyucular imzalanmamış bu içeriği gösterebilir.");
                }

                // A "%%EOF" that is not a readable revision (e.g. a linearization part) merges into the next one.
                continue;
            }

            history._revisions.Add(new PdfRevision(history._revisions.Count, minEnd, end, file, shared));
        }

        return history;
    }

    /// <summary>The revision a byte range ending at <paramref name="signedEnd"/> covers, or null.</summary>
    public PdfRevision? RevisionEndingAt(long signedEnd) => _revisions.FirstOrDefault(r => signedEnd >= r.MinEnd && signedEnd <= r.End);

    /// <summary>Each "%%EOF" preceded by a startxref: where the marker ends and where its end-of-line ends.</summary>
    private static List<(long MinEnd, long End)> EndMarks(byte[] pdf)
    {
        var marks = new List<(long, long)>();
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
            if (span[lookBack..at].IndexOf("startxref"u8) >= 0)
            {
                marks.Add((minEnd, end));
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
    public static bool Is(Exception ex) => ex is FormatException or InvalidCastException or IndexOutOfRangeException or ArgumentException
        or KeyNotFoundException or NullReferenceException or NotSupportedException or InvalidDataException or OverflowException;
}
