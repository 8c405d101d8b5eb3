using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>Writes <see cref="PdfObject"/> values in PDF syntax. Strings are always written as hex strings.</summary>
public static class PdfSerializer
{
    private static readonly ReadOnlyMemory<byte> ZeroDigits = Enumerable.Repeat((byte)'0', 4096).ToArray();

    public static void Write(Stream output, PdfObject value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case PdfNull:
                Ascii(output, "null");
                break;
            case PdfBoolean b:
                Ascii(output, b.Value ? "true" : "false");
                break;
            case PdfNumber n:
                Ascii(output, n.Raw);
                break;
            case PdfName name:
                WriteName(output, name.Value);
                break;
            case PdfString s:
                Ascii(output, "<" + Convert.ToHexString(s.Bytes) + ">");
                break;
            case PdfReference r:
                Ascii(output, r.ToString());
                break;
            case PdfArray a:
                output.WriteByte((byte)'[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)' ');
                    }

                    Write(output, a.Items[i]);
                }

                output.WriteByte((byte)']');
                break;
            case PdfDictionary d:
                Ascii(output, "<<");
                foreach (var entry in d.Entries)
                {
                    WriteName(output, entry.Key);
                    output.WriteByte((byte)' ');
                    Write(output, entry.Value);
                }

                Ascii(output, ">>");
                break;
            case PdfStream s:
                s.Dictionary["Length"] = new PdfNumber(s.Data.Length);
                Write(output, s.Dictionary);
                Ascii(output, "\nstream\n");
                output.Write(s.Data);
                Ascii(output, "\nendstream");
                break;
            case PdfRaw raw:
                output.Write(raw.Bytes.AsSpan(0, raw.ZeroDigitsAt));
                for (var left = raw.ZeroDigits; left > 0; left -= ZeroDigits.Length)
                {
                    output.Write(ZeroDigits.Span[..Math.Min(left, ZeroDigits.Length)]);
                }

                output.Write(raw.Bytes.AsSpan(raw.ZeroDigitsAt));
                break;
            default:
                throw new ArgumentException("Unknown PDF object " + value?.GetType().Name, nameof(value));
        }
    }

    public static byte[] ToBytes(PdfObject value)
    {
        using var ms = new MemoryStream();
        Write(ms, value);
        return ms.ToArray();
    }

    private static void WriteName(Stream output, string name)
    {
        output.WriteByte((byte)'/');
        foreach (var c in name)
        {
            var b = (byte)c;
            if (b is > 0x20 and < 0x7F && "#()<>[]{}/%".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                output.WriteByte(b);
            }
            else
            {
                Ascii(output, "#" + b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    private static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
