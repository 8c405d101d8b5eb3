namespace Mys.Signing.Signatures.Pdf;

/// <summary>PDF string syntax: hex strings (&lt;…&gt;) and literal strings ((…) with escapes and nested parentheses).</summary>
internal static class PdfStringSyntax
{
    private static readonly System.Buffers.SearchValues<byte> WhiteBytes = System.Buffers.SearchValues.Create([0, 9, 10, 12, 13, 32]);

    public static PdfString ReadHex(byte[] data, ref int position)
    {
        position++;
        var rest = data.AsSpan(position);
        var length = rest.IndexOf((byte)'>');
        if (length < 0)
        {
            throw PdfParser.Eof();
        }

        // Fast path for the common unbroken run of digits (signature /Contents are tens of kilobytes).
        var body = rest[..length];
        if (length % 2 == 0 && body.IndexOfAny(WhiteBytes) < 0 && body.ContainsAnyExcept(HexDigits) is false)
        {
            position += length + 1;
            var decoded = new byte[length / 2];
            for (var i = 0; i < decoded.Length; i++)
            {
                decoded[i] = (byte)((HexValue(body[2 * i]) << 4) | HexValue(body[(2 * i) + 1]));
            }

            return new PdfString(decoded);
        }

        var bytes = new List<byte>(length / 2);
        var high = -1;
        foreach (var b in body)
        {
            if (PdfParser.IsWhite(b))
            {
                continue;
            }

            var v = HexValue(b);
            if (v < 0)
            {
                throw new PdfFormatException(PdfFormatReasons.UnexpectedToken, $"Non-hex character in a hex string at offset {position}.");
            }

            if (high < 0)
            {
                high = v;
            }
            else
            {
                bytes.Add((byte)((high << 4) | v));
                high = -1;
            }
        }

        if (high >= 0)
        {
            bytes.Add((byte)(high << 4));
        }

        position += length + 1;
        return new PdfString([.. bytes]);
    }

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    public static PdfString ReadLiteral(byte[] data, ref int position)
    {
        position++;
        var bytes = new List<byte>();
        var depth = 1;
        while (true)
        {
            var c = Next(data, ref position);
            if (c == '\\')
            {
                var e = Next(data, ref position);
                switch (e)
                {
                    case (byte)'n': bytes.Add(10); break;
                    case (byte)'r': bytes.Add(13); break;
                    case (byte)'t': bytes.Add(9); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case 13:
                        if (Peek(data, position) == 10)
                        {
                            position++;
                        }

                        break;
                    case 10: break;
                    case >= (byte)'0' and <= (byte)'7':
                        var value = e - '0';
                        for (var i = 0; i < 2 && Peek(data, position) is >= '0' and <= '7'; i++)
                        {
                            value = (value * 8) + (data[position++] - '0');
                        }

                        bytes.Add((byte)value);
                        break;
                    default: bytes.Add(e); break;
                }
            }
            else if (c == '(')
            {
                depth++;
                bytes.Add(c);
            }
            else if (c == ')')
            {
                if (--depth == 0)
                {
                    return new PdfString([.. bytes]);
                }

                bytes.Add(c);
            }
            else
            {
                bytes.Add(c);
            }
        }
    }

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static byte Next(byte[] data, ref int position) => position < data.Length ? data[position++] : throw PdfParser.Eof();

    private static int Peek(byte[] data, int position) => position < data.Length ? data[position] : -1;
}
