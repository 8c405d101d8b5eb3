using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>The signature dictionary with a fixed-width /ByteRange and a zero-filled /Contents, and how to patch them.</summary>
public static class PdfSignaturePlaceholder
{
    private const string UpperHex = "0123456789ABCDEF";
    private const string ByteRangePlaceholder = "[0 0000000000 0000000000 0000000000]";

    /// <summary>Raw bytes of a /Sig or /DocTimeStamp dictionary.</summary>
    public static PdfRaw Dictionary(string type, string subFilter, DateTimeOffset? time, string? name, string? reason, string? location, int contentsSize)
    {
        var sb = new StringBuilder();
        sb.Append("<</Type /").Append(type).Append(" /Filter /Adobe.PPKLite /SubFilter /").Append(subFilter);
        if (time is { } t)
        {
            sb.Append(" /M (D:").Append(t.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)).Append("+00'00')");
        }

        AppendText(sb, "Name", name);
        AppendText(sb, "Reason", reason);
        AppendText(sb, "Location", location);
        sb.Append(" /ByteRange ").Append(ByteRangePlaceholder).Append(" /Contents <");
        // The zero-filled /Contents is not held here: the serializer writes its '0's straight into the file's bytes.
        var head = sb.Append(">>>").ToString();
        return new PdfRaw(Encoding.ASCII.GetBytes(head)) { ZeroDigitsAt = head.Length - 3, ZeroDigits = contentsSize * 2 };
    }

    /// <summary>Fills /ByteRange for the signature object at <paramref name="objectOffset"/>; returns the /Contents hex offset and length.</summary>
    public static (int ContentsOffset, int HexLength, long[] ByteRange) Patch(byte[] pdf, long objectOffset)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        return Patch(pdf, 0, objectOffset);
    }

    /// <summary>
    /// As <see cref="Patch(byte[], long)"/> for a file kept in two parts: <paramref name="appended"/> holds its bytes from
    /// <paramref name="appendedAt"/> to the end and contains the signature object; offsets are the whole file's.
    /// </summary>
    public static (int ContentsOffset, int HexLength, long[] ByteRange) Patch(Span<byte> appended, long appendedAt, long objectOffset)
    {
        var from = (int)(objectOffset - appendedAt);
        var rangeAt = from + appended[from..].IndexOf("/ByteRange ["u8) + "/ByteRange ".Length;
        var contentsAt = from + appended[from..].IndexOf("/Contents <"u8) + "/Contents ".Length;
        var end = contentsAt + appended[contentsAt..].IndexOf((byte)'>');
        var shift = (int)appendedAt;
        long[] range = [0, shift + contentsAt, shift + end + 1, appended.Length - (end + 1)];
        Span<byte> text = stackalloc byte[ByteRangePlaceholder.Length];
        text.Fill((byte)' ');
        if (!Encoding.ASCII.TryGetBytes(string.Create(CultureInfo.InvariantCulture, $"[{range[0]} {range[1]} {range[2]} {range[3]}]"), text, out _))
        {
            throw new InvalidOperationException("The /ByteRange does not fit its placeholder.");
        }

        text.CopyTo(appended[rangeAt..]);
        return (shift + contentsAt + 1, end - contentsAt - 1, range);
    }

    /// <summary>Writes the CMS (or time-stamp token) as upper-case hex into the reserved /Contents; false when it does not fit.</summary>
    public static bool Fill(byte[] pdf, int contentsOffset, int hexLength, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length * 2 > hexLength)
        {
            return false;
        }

        var target = pdf.AsSpan(contentsOffset, value.Length * 2);
        for (var i = 0; i < value.Length; i++)
        {
            target[2 * i] = (byte)UpperHex[value[i] >> 4];
            target[(2 * i) + 1] = (byte)UpperHex[value[i] & 0xF];
        }

        return true;
    }

    /// <summary>Digest over the two signed ranges.</summary>
    public static byte[] Digest(byte[] pdf, long[] range, Common.DigestAlgorithm algorithm) => Digest(pdf, [], range, algorithm);

    /// <summary>
    /// Digest over the two signed ranges of a file kept in two parts, <paramref name="head"/> followed by
    /// <paramref name="appended"/>, hashed where they are (the whole file is never assembled).
    /// </summary>
    public static byte[] Digest(ReadOnlySpan<byte> head, ReadOnlySpan<byte> appended, long[] range, Common.DigestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(range);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(Common.DigestAlgorithms.Name(algorithm));
        AppendRange(hash, head, appended, range[0], range[1]);
        AppendRange(hash, head, appended, range[2], range[3]);
        return hash.GetHashAndReset();
    }

    private static void AppendRange(System.Security.Cryptography.IncrementalHash hash, ReadOnlySpan<byte> head, ReadOnlySpan<byte> appended, long start, long length)
    {
        var end = start + length;
        if (start < 0 || length < 0 || end > head.Length + appended.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "The /ByteRange lies outside the file.");
        }

        if (start < head.Length)
        {
            hash.AppendData(head[(int)start..(int)Math.Min(end, head.Length)]);
        }

        if (end > head.Length)
        {
            hash.AppendData(appended[(int)Math.Max(0, start - head.Length)..(int)(end - head.Length)]);
        }
    }

    private static void AppendText(StringBuilder sb, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sb.Append(" /").Append(key).Append(' ').Append('<').Append(Convert.ToHexString(PdfString.FromText(value).Bytes)).Append('>');
        }
    }
}
