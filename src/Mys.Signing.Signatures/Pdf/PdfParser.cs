using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>Tokenizer/parser for PDF object syntax over a byte buffer.</summary>
public sealed class PdfParser(byte[] data, int position = 0)
{
    private readonly byte[] _data = data;

    public int Position { get; set; } = position;

    /// <summary>Resolves indirect /Length values of streams; optional.</summary>
    public Func<PdfReference, PdfObject?>? Resolver { get; init; }

    private static readonly System.Buffers.SearchValues<byte> WhiteBytes = System.Buffers.SearchValues.Create([0, 9, 10, 12, 13, 32]);

    public static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public void SkipWhite()
    {
        while (Position < _data.Length)
        {
            var b = _data[Position];
            if (IsWhite(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Position < _data.Length && _data[Position] != 10 && _data[Position] != 13)
                {
                    Position++;
                }
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>Reads a bare keyword or number token.</summary>
    public string ReadToken()
    {
        SkipWhite();
        var start = Position;
        while (Position < _data.Length && !IsWhite(_data[Position]) && !IsDelimiter(_data[Position]))
        {
            Position++;
        }

        return Encoding.ASCII.GetString(_data, start, Position - start);
    }

    /// <summary>Parses "n g obj ... endobj" at the current position.</summary>
    public (int Number, int Generation, PdfObject Value) ReadIndirectObject()
    {
        var number = int.Parse(ReadToken(), CultureInfo.InvariantCulture);
        var generation = int.Parse(ReadToken(), CultureInfo.InvariantCulture);
        var keyword = ReadToken();
        if (!string.Equals(keyword, "obj", StringComparison.Ordinal))
        {
            throw new FormatException("Beklenen 'obj' bulunamadı.");
        }

        var value = ReadObject();
        var save = Position;
        if (value is PdfDictionary dict && string.Equals(ReadToken(), "stream", StringComparison.Ordinal))
        {
            if (_data[Position] == 13)
            {
                Position++;
            }

            if (_data[Position] == 10)
            {
                Position++;
            }

            var length = dict["Length"] switch
            {
                PdfNumber n => n.IntValue,
                PdfReference r when Resolver?.Invoke(r) is PdfNumber n => n.IntValue,
                _ => -1,
            };
            if (length < 0 || Position + length > _data.Length || !EndstreamFollows(Position + length))
            {
                length = FindEndstream(Position) - Position;
            }

            var bytes = _data.AsSpan(Position, length).ToArray();
            Position += length;
            SkipWhite();
            ReadToken();
            return (number, generation, new PdfStream(dict, bytes));
        }

        Position = save;
        return (number, generation, value);
    }

    public PdfObject ReadObject()
    {
        SkipWhite();
        if (Position >= _data.Length)
        {
            throw new FormatException("Beklenmeyen dosya sonu.");
        }

        var b = _data[Position];
        switch (b)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
                Position++;
                var array = new PdfArray();
                while (true)
                {
                    SkipWhite();
                    if (_data[Position] == ']')
                    {
                        Position++;
                        return array;
                    }

                    array.Items.Add(ReadObject());
                }

            case (byte)'<' when Position + 1 < _data.Length && _data[Position + 1] == '<':
                Position += 2;
                var dict = new PdfDictionary();
                while (true)
                {
                    SkipWhite();
                    if (_data[Position] == '>' && _data[Position + 1] == '>')
                    {
                        Position += 2;
                        return dict;
                    }

                    var key = ReadName().Value;
                    dict[key] = ReadObject();
                }

            case (byte)'<':
                return ReadHexString();
            default:
                break;
        }

        var token = ReadToken();
        switch (token)
        {
            case "true": return new PdfBoolean(true);
            case "false": return new PdfBoolean(false);
            case "null": return PdfNull.Instance;
            case "":
                throw new FormatException("Beklenmeyen karakter: " + (char)b);
            default:
                break;
        }

        if (IsInteger(token))
        {
            var save = Position;
            var second = ReadToken();
            if (IsInteger(second))
            {
                var third = ReadToken();
                if (string.Equals(third, "R", StringComparison.Ordinal))
                {
                    return new PdfReference(int.Parse(token, CultureInfo.InvariantCulture), int.Parse(second, CultureInfo.InvariantCulture));
                }
            }

            Position = save;
        }

        return new PdfNumber(token);
    }

    private static bool IsInteger(string token) => token.Length > 0 && token.All(char.IsAsciiDigit);

    private bool EndstreamFollows(int at)
    {
        var p = at;
        while (p < _data.Length && IsWhite(_data[p]))
        {
            p++;
        }

        return p + 9 <= _data.Length && _data.AsSpan(p, 9).SequenceEqual("endstream"u8);
    }

    private int FindEndstream(int from)
    {
        var index = _data.AsSpan(from).IndexOf("endstream"u8);
        if (index < 0)
        {
            throw new FormatException("endstream bulunamadı.");
        }

        var end = from + index;
        if (end > from && _data[end - 1] == 10)
        {
            end--;
        }

        if (end > from && _data[end - 1] == 13)
        {
            end--;
        }

        return end;
    }

    private PdfName ReadName()
    {
        Position++;
        var sb = new StringBuilder();
        while (Position < _data.Length && !IsWhite(_data[Position]) && !IsDelimiter(_data[Position]))
        {
            var c = _data[Position++];
            if (c == '#' && Position + 1 < _data.Length)
            {
                c = Convert.FromHexString(Encoding.ASCII.GetString(_data, Position, 2))[0];
                Position += 2;
            }

            sb.Append((char)c);
        }

        return new PdfName(sb.ToString());
    }

    private PdfString ReadHexString()
    {
        Position++;
        // Fast path for the common unbroken run of digits (signature /Contents are tens of kilobytes).
        var rest = _data.AsSpan(Position);
        var length = rest.IndexOf((byte)'>');
        if (length >= 0 && length % 2 == 0 && rest[..length].IndexOfAny(WhiteBytes) < 0)
        {
            var text = Encoding.Latin1.GetString(rest[..length]);
            Position += length + 1;
            return new PdfString(Convert.FromHexString(text));
        }

        var digits = new StringBuilder();
        while (_data[Position] != '>')
        {
            if (!IsWhite(_data[Position]))
            {
                digits.Append((char)_data[Position]);
            }

            Position++;
        }

        Position++;
        if (digits.Length % 2 == 1)
        {
            digits.Append('0');
        }

        return new PdfString(Convert.FromHexString(digits.ToString()));
    }

    private PdfString ReadLiteralString()
    {
        Position++;
        var bytes = new List<byte>();
        var depth = 1;
        while (true)
        {
            var c = _data[Position++];
            if (c == '\\')
            {
                var e = _data[Position++];
                switch (e)
                {
                    case (byte)'n': bytes.Add(10); break;
                    case (byte)'r': bytes.Add(13); break;
                    case (byte)'t': bytes.Add(9); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case 13:
                        if (_data[Position] == 10)
                        {
                            Position++;
                        }

                        break;
                    case 10: break;
                    case >= (byte)'0' and <= (byte)'7':
                        var value = e - '0';
                        for (var i = 0; i < 2 && _data[Position] is >= (byte)'0' and <= (byte)'7'; i++)
                        {
                            value = (value * 8) + (_data[Position++] - '0');
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
}
