using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>Minimal PDF object model for the incremental writer and the validator (not a general PDF library).</summary>
public abstract class PdfObject;

public sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();
}

public sealed class PdfBoolean(bool value) : PdfObject
{
    public bool Value { get; } = value;
}

/// <summary>A number kept in its textual form so rewriting never changes it.</summary>
public sealed class PdfNumber(string raw) : PdfObject
{
    public PdfNumber(long value)
        : this(value.ToString(CultureInfo.InvariantCulture))
    {
    }

    public string Raw { get; } = raw;

    /// <summary>The value truncated to an integer; out-of-range values clamp, text that is no number reads as 0.</summary>
    public long LongValue => long.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact)
        ? exact
        : DoubleValue switch
        {
            double.NaN => 0,
            >= long.MaxValue => long.MaxValue,
            <= long.MinValue => long.MinValue,
            var d => (long)d,
        };

    public int IntValue => (int)Math.Clamp(LongValue, int.MinValue, int.MaxValue);

    public double DoubleValue => double.TryParse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

/// <summary>A name; <see cref="Value"/> holds the decoded bytes as Latin-1 characters, without the slash.</summary>
public sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;

    public override string ToString() => "/" + Value;
}

public sealed class PdfString(byte[] bytes) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>Text string: UTF-16BE with BOM, or PDFDocEncoding treated as Latin-1.</summary>
    public string Text => Bytes.Length >= 2 && Bytes[0] == 0xFE && Bytes[1] == 0xFF
        ? Encoding.BigEndianUnicode.GetString(Bytes, 2, Bytes.Length - 2)
        : Encoding.Latin1.GetString(Bytes);

    public static PdfString FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.All(c => c < 0x80)
            ? new PdfString(Encoding.ASCII.GetBytes(text))
            : new PdfString([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);
    }
}

public sealed class PdfArray : PdfObject
{
    public PdfArray()
    {
    }

    public PdfArray(IEnumerable<PdfObject> items) => Items.AddRange(items);

    public List<PdfObject> Items { get; } = [];
}

/// <summary>Dictionary that keeps key order (rewritten objects stay recognisable).</summary>
public sealed class PdfDictionary : PdfObject
{
    public List<KeyValuePair<string, PdfObject>> Entries { get; } = [];

    public PdfObject? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        set
        {
            var index = Entries.FindIndex(e => string.Equals(e.Key, key, StringComparison.Ordinal));
            if (value is null)
            {
                if (index >= 0)
                {
                    Entries.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                Entries[index] = new(key, value);
            }
            else
            {
                Entries.Add(new(key, value));
            }
        }
    }

    public string? NameOf(string key) => (this[key] as PdfName)?.Value;

    public PdfDictionary Clone()
    {
        var copy = new PdfDictionary();
        copy.Entries.AddRange(Entries);
        return copy;
    }
}

public sealed class PdfReference(int number, int generation) : PdfObject
{
    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Generation} R");
}

public sealed class PdfStream(PdfDictionary dictionary, byte[] data) : PdfObject
{
    public PdfDictionary Dictionary { get; } = dictionary;

    /// <summary>Encoded (filtered) bytes as stored in the file.</summary>
    public byte[] Data { get; set; } = data;
}

/// <summary>Bytes written verbatim (used for the signature dictionary whose layout must be exact).</summary>
public sealed class PdfRaw(byte[] bytes) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>
    /// How many '0' digits are written after the first <see cref="ZeroDigitsAt"/> bytes of <see cref="Bytes"/> (a
    /// signature's zero-filled /Contents: tens of kilobytes nobody need hold in an array of their own).
    /// </summary>
    public int ZeroDigits { get; init; }

    public int ZeroDigitsAt { get; init; }

    /// <summary>How many bytes are written.</summary>
    public int Length => Bytes.Length + ZeroDigits;
}
