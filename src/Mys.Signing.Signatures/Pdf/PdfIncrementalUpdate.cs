using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Appends one incremental update (new/changed objects, an xref section or stream, a trailer with /Prev) to a PDF.
/// The original bytes are never changed, so earlier signatures stay valid.
/// </summary>
public sealed class PdfIncrementalUpdate(PdfFile original)
{
    private readonly SortedDictionary<int, (int Generation, PdfObject Value)> _objects = [];
    private int _nextNumber = original.Size;

    public PdfFile Original { get; } = original;

    public PdfReference Add(PdfObject value)
    {
        var number = _nextNumber++;
        _objects[number] = (0, value);
        return new PdfReference(number, 0);
    }

    /// <summary>Writes a complete new version of an existing object (keeps its number and generation).</summary>
    public void Replace(int number, PdfObject value) => _objects[number] = (Original.GenerationOf(number), value);

    /// <summary>Builds the new file; returns it with each written object's offset.</summary>
    public (byte[] Bytes, IReadOnlyDictionary<int, long> Offsets) Build()
    {
        var (tail, offsets) = BuildAppended();
        var source = Original.Bytes;
        var bytes = new byte[source.Length + tail.Length];
        source.CopyTo(bytes, 0);
        tail.CopyTo(bytes, source.Length);
        return (bytes, offsets);
    }

    /// <summary>
    /// Builds only what the update appends: the bytes that follow the original file (from offset
    /// <c>Original.Bytes.Length</c>, starting with a line feed when the original does not end with an end-of-line),
    /// with each written object's offset in the whole file. The original followed by them is what <see cref="Build"/>
    /// returns; a caller that keeps the original elsewhere (a store) need not assemble the whole file.
    /// </summary>
    public (byte[] Appended, IReadOnlyDictionary<int, long> Offsets) BuildAppended()
    {
        if (Original.IsEncrypted)
        {
            // New objects would have to be encrypted with the file's key; this writer does not do that.
            throw new PdfFormatException(PdfFormatReasons.EncryptedUnsupported, "Cannot append an update to an encrypted PDF.");
        }

        // The appended part is written on its own into a pooled buffer (sized for what is appended: a signature
        // placeholder alone is tens of kilobytes), then copied once to its exact size: no copy of the original.
        var source = Original.Bytes;
        var separator = source.Length > 0 && source[^1] != 10 && source[^1] != 13 ? 1 : 0;
        long start = source.Length + separator;
        using var output = new PooledOutputStream(4096 + _objects.Values.Sum(o => o.Value switch
        {
            PdfRaw raw => raw.Length,
            PdfStream stream => stream.Data.Length,
            _ => 0,
        }));
        var offsets = new Dictionary<int, long>();
        foreach (var (number, (generation, value)) in _objects)
        {
            offsets[number] = start + output.Position;
            Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj\n"));
            PdfSerializer.Write(output, value);
            Ascii(output, "\nendobj\n");
        }

        var trailer = new PdfDictionary();
        foreach (var key in new[] { "Root", "Info", "Encrypt" })
        {
            if (Original.Trailer[key] is { } v)
            {
                trailer[key] = v;
            }
        }

        trailer["ID"] = NewId();
        if (Original.UsesXrefStream)
        {
            WriteXrefStream(output, start, offsets, trailer);
        }
        else
        {
            WriteXrefTable(output, start, offsets, trailer);
        }

        var appended = new byte[separator + output.Length];
        if (separator == 1)
        {
            appended[0] = 10;
        }

        output.Written.CopyTo(appended.AsSpan(separator));
        return (appended, offsets);
    }

    private void WriteXrefTable(Stream output, long start, Dictionary<int, long> offsets, PdfDictionary trailer)
    {
        var xrefOffset = start + output.Position;
        var sb = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{run[0]} {run.Count}\n");
            foreach (var n in run)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{offsets[n]:D10} {_objects[n].Generation:D5} n\r\n");
            }
        }

        Ascii(output, sb.ToString());
        trailer["Size"] = new PdfNumber(Math.Max(_nextNumber, Original.Size));
        trailer["Prev"] = new PdfNumber(Original.StartXref);
        Ascii(output, "trailer\n");
        PdfSerializer.Write(output, trailer);
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefOffset}\n%%EOF\n"));
    }

    private void WriteXrefStream(Stream output, long start, Dictionary<int, long> offsets, PdfDictionary trailer)
    {
        var selfNumber = Math.Max(_nextNumber, Original.Size);
        var xrefOffset = start + output.Position;
        offsets[selfNumber] = xrefOffset;
        var numbers = offsets.Keys.OrderBy(n => n).ToList();
        var rows = new byte[numbers.Count * 7];
        for (var i = 0; i < numbers.Count; i++)
        {
            var off = offsets[numbers[i]];
            var gen = numbers[i] == selfNumber ? 0 : _objects[numbers[i]].Generation;
            rows[i * 7] = 1;
            for (var b = 0; b < 4; b++)
            {
                rows[(i * 7) + 1 + b] = (byte)(off >> (8 * (3 - b)));
            }

            rows[(i * 7) + 5] = (byte)(gen >> 8);
            rows[(i * 7) + 6] = (byte)gen;
        }

        var index = new PdfArray();
        foreach (var run in Runs(numbers))
        {
            index.Items.Add(new PdfNumber(run[0]));
            index.Items.Add(new PdfNumber(run.Count));
        }

        trailer["Type"] = new PdfName("XRef");
        trailer["Size"] = new PdfNumber(selfNumber + 1);
        trailer["Prev"] = new PdfNumber(Original.StartXref);
        trailer["W"] = new PdfArray([new PdfNumber(1), new PdfNumber(4), new PdfNumber(2)]);
        trailer["Index"] = index;
        trailer["Filter"] = new PdfName("FlateDecode");
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"{selfNumber} 0 obj\n"));
        PdfSerializer.Write(output, new PdfStream(trailer, PdfFilters.Deflate(rows)));
        Ascii(output, string.Create(CultureInfo.InvariantCulture, $"\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n"));
    }

    private PdfArray NewId()
    {
        var first = Original.Trailer["ID"] is PdfArray { Items.Count: > 0 } id ? id.Items[0] : new PdfString(RandomNumberGenerator.GetBytes(16));
        return new PdfArray([first, new PdfString(RandomNumberGenerator.GetBytes(16))]);
    }

    private static List<List<int>> Runs(IEnumerable<int> numbers)
    {
        var runs = new List<List<int>>();
        foreach (var n in numbers.OrderBy(x => x))
        {
            if (runs.Count > 0 && runs[^1][^1] == n - 1)
            {
                runs[^1].Add(n);
            }
            else
            {
                runs.Add([n]);
            }
        }

        return runs;
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
