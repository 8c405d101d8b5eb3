using System.Globalization;
using System.Text;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Tokenizer/parser for PDF object syntax over a byte buffer. Every read is bounds-checked; malformed input raises
/// <see cref="PdfFormatException"/> and nothing else.
/// </summary>
public sealed class PdfParser(byte[] data, int position = 0)
{
    /// <summary>Deepest nesting of arrays and dictionaries accepted (real files stay below 20; this keeps the stack safe).</summary>
    public const int MaxDepth = 256;

    private readonly byte[] _data = data;

    public int Position { get; set; } = position;

    /// <summary>Resolves indirect /Length values of streams; optional.</summary>
    public Func<PdfReference, PdfObject?>? Resolver { get; init; }

    /// <summary>Finds the next "endstream" at or after a position (-1 if none); optional, lets a file index them once.</summary>
    public Func<int, int>? EndstreamFinder { get; init; }

    /// <summary>
    /// When set, a stream read by <see cref="ReadIndirectObject"/> gets no copy of its bytes (empty <see cref="PdfStream.Data"/>);
    /// where they are is in <see cref="LastStreamExtent"/> (the validator reads most streams only to walk past them).
    /// </summary>
    public bool SkipStreamData { get; init; }

    /// <summary>Offset and length of the encoded bytes of the last stream read.</summary>
    public (int Start, int Length) LastStreamExtent { get; private set; }

    public static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']'
        or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public bool AtEnd => Position >= _data.Length;

    public void SkipWhite()
    {
        if (Position < 0)
        {
            throw new PdfFormatException(PdfFormatReasons.BrokenXref, "Negative offset.");
        }

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

    /// <summary>Reads a bare keyword or number token ("" at the end of data or at a delimiter).</summary>
    public string ReadToken()
    {
        SkipWhite();
        var start = Position;
        while (Position < _data.Length && !IsWhite(_data[Position]) && !IsDelimiter(_data[Position]))
        {
            Position++;
        }

        // One-byte tokens (generation "0", "R", "n", "f") are most of a file's tokens: shared strings, not new ones.
        return Position - start == 1 ? OneByteTokens[_data[start]] : Encoding.Latin1.GetString(_data, start, Position - start);
    }

    private static readonly string[] OneByteTokens = [.. Enumerable.Range(0, 256).Select(b => ((char)b).ToString())];

    /// <summary>Reads a non-negative integer token.</summary>
    public int ReadInt(string reason = PdfFormatReasons.UnexpectedToken)
    {
        var token = ReadToken();
        return TryParseInt(token, out var value)
            ? value
            : throw new PdfFormatException(token.Length == 0 && AtEnd ? PdfFormatReasons.UnexpectedEof : reason, $"Expected an integer at {Position}.");
    }

    /// <summary>Reads a non-negative integer token that may exceed int (xref offsets).</summary>
    public long ReadLong(string reason = PdfFormatReasons.UnexpectedToken)
    {
        var token = ReadToken();
        return IsInteger(token) && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PdfFormatException(token.Length == 0 && AtEnd ? PdfFormatReasons.UnexpectedEof : reason, $"Expected an integer at {Position}.");
    }

    /// <summary>True when "n g obj" starts at the current position (after white space); leaves the position after "obj".</summary>
    public bool TryReadObjectHeader(out int number, out int generation)
    {
        generation = 0;
        var ok = TryParseInt(ReadToken(), out number) && TryParseInt(ReadToken(), out generation);
        if (!ok)
        {
            return false;
        }

        SkipWhite();
        if (Position + 3 <= _data.Length && _data.AsSpan(Position, 3).SequenceEqual("obj"u8)
            && (Position + 3 == _data.Length || IsWhite(_data[Position + 3]) || IsDelimiter(_data[Position + 3])))
        {
            Position += 3;
            return true;
        }

        return false;
    }

    /// <summary>Parses "n g obj ... endobj" at the current position.</summary>
    public (int Number, int Generation, PdfObject Value) ReadIndirectObject()
    {
        var start = Position;
        if (!TryReadObjectHeader(out var number, out var generation))
        {
            throw new PdfFormatException(AtEnd ? PdfFormatReasons.UnexpectedEof : PdfFormatReasons.BrokenXref, $"No 'n g obj' at offset {start}.");
        }

        SkipWhite();
        if (StartsWithKeyword("endobj"))
        {
            return (number, generation, PdfNull.Instance);
        }

        var value = ReadObject();
        var save = Position;
        if (value is PdfDictionary dict && string.Equals(ReadToken(), "stream", StringComparison.Ordinal))
        {
            if (Position < _data.Length && _data[Position] == 13)
            {
                Position++;
            }

            if (Position < _data.Length && _data[Position] == 10)
            {
                Position++;
            }

            long length = dict["Length"] switch
            {
                PdfNumber n => n.LongValue,
                PdfReference r when Resolver?.Invoke(r) is PdfNumber n => n.LongValue,
                _ => -1,
            };
            if (length < 0 || Position + length > _data.Length || !EndstreamFollows(Position + (int)length))
            {
                length = FindEndstream(Position) - Position;
            }

            LastStreamExtent = (Position, (int)length);
            byte[] bytes = SkipStreamData ? [] : _data.AsSpan(Position, (int)length).ToArray();
            Position += (int)length;
            SkipWhite();
            ReadToken();
            return (number, generation, new PdfStream(dict, bytes));
        }

        Position = save;
        return (number, generation, value);
    }

    public PdfObject ReadObject() => ReadObject(0);

    private PdfObject ReadObject(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new PdfFormatException(PdfFormatReasons.DepthLimit, $"Arrays/dictionaries nested deeper than {MaxDepth} at offset {Position}.");
        }

        SkipWhite();
        if (Position >= _data.Length)
        {
            throw Eof();
        }

        var b = _data[Position];
        switch (b)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
                return ReadArray(depth);
            case (byte)'<' when Peek(1) == '<':
                return ReadDictionary(depth);
            case (byte)'<':
                return ReadHexString();
            default:
                break;
        }

        var start = Position;
        var token = ReadToken();
        switch (token)
        {
            case "true": return new PdfBoolean(true);
            case "false": return new PdfBoolean(false);
            case "null": return PdfNull.Instance;
            default:
                break;
        }

        if (IsInteger(token))
        {
            var save = Position;
            var second = ReadToken();
            if (TryParseInt(token, out var number) && TryParseInt(second, out var generation)
                && string.Equals(ReadToken(), "R", StringComparison.Ordinal))
            {
                return new PdfReference(number, generation);
            }

            Position = save;
        }

        if (!IsNumber(token))
        {
            throw new PdfFormatException(PdfFormatReasons.UnexpectedToken,
                $"Unexpected {(token.Length == 0 ? "character 0x" + b.ToString("X2", CultureInfo.InvariantCulture) : "token")} at offset {start}.");
        }

        return new PdfNumber(token);
    }

    private PdfArray ReadArray(int depth)
    {
        Position++;
        var array = new PdfArray();
        while (true)
        {
            SkipWhite();
            if (Position >= _data.Length)
            {
                throw Eof();
            }

            if (_data[Position] == ']')
            {
                Position++;
                return array;
            }

            array.Items.Add(ReadObject(depth + 1));
        }
    }

    private PdfDictionary ReadDictionary(int depth)
    {
        Position += 2;
        var dict = new PdfDictionary();
        Dictionary<string, int>? index = null;
        while (true)
        {
            SkipWhite();
            if (Position >= _data.Length)
            {
                throw Eof();
            }

            if (_data[Position] == '>' && Peek(1) == '>')
            {
                Position += 2;
                return dict;
            }

            if (_data[Position] != '/')
            {
                throw new PdfFormatException(PdfFormatReasons.UnexpectedToken, $"Dictionary key expected at offset {Position}.");
            }

            var key = ReadName().Value;
            var value = ReadObject(depth + 1);
            // A keyed index instead of the dictionary's linear setter: a hostile dictionary with many keys stays linear.
            index ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (index.TryGetValue(key, out var at))
            {
                dict.Entries[at] = new(key, value);
            }
            else
            {
                index[key] = dict.Entries.Count;
                dict.Entries.Add(new(key, value));
            }
        }
    }

    private static bool TryParseInt(string token, out int value)
    {
        value = 0;
        return IsInteger(token) && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsInteger(string token) => token.Length > 0 && !token.AsSpan().ContainsAnyExceptInRange('0', '9');

    /// <summary>PDF numbers: optional sign, digits with at most one period.</summary>
    private static bool IsNumber(string token)
    {
        var s = token.AsSpan();
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            s = s[1..];
        }

        var digits = 0;
        var periods = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && ++periods == 1)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }

    private bool StartsWithKeyword(string keyword) =>
        Position + keyword.Length <= _data.Length && Encoding.Latin1.GetString(_data, Position, keyword.Length) == keyword;

    private int Peek(int ahead) => Position + ahead < _data.Length ? _data[Position + ahead] : -1;

    internal static PdfFormatException Eof() => new(PdfFormatReasons.UnexpectedEof, "Unexpected end of data.");

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
        var end = EndstreamFinder?.Invoke(from) ?? IndexOf(_data, from, "endstream"u8);
        if (end < 0)
        {
            throw new PdfFormatException(PdfFormatReasons.UnexpectedEof, $"No endstream after offset {from}.");
        }

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

    private static int IndexOf(byte[] data, int from, ReadOnlySpan<byte> value)
    {
        var index = data.AsSpan(from).IndexOf(value);
        return index < 0 ? -1 : from + index;
    }

    private PdfName ReadName()
    {
        Position++;
        var start = Position;
        var end = start;
        while (end < _data.Length && !IsWhite(_data[end]) && !IsDelimiter(_data[end]))
        {
            end++;
        }

        if (_data.AsSpan(start, end - start).IndexOf((byte)'#') < 0)
        {
            // No escapes (nearly every name): the bytes are the name.
            Position = end;
            return new PdfName(Encoding.Latin1.GetString(_data, start, end - start));
        }

        var sb = new StringBuilder();
        while (Position < _data.Length && !IsWhite(_data[Position]) && !IsDelimiter(_data[Position]))
        {
            var c = _data[Position++];
            if (c == '#' && Position + 1 < _data.Length && PdfStringSyntax.HexValue(_data[Position]) is >= 0 and var hi && PdfStringSyntax.HexValue(_data[Position + 1]) is >= 0 and var lo)
            {
                c = (byte)((hi << 4) | lo);
                Position += 2;
            }

            sb.Append((char)c);
        }

        return new PdfName(sb.ToString());
    }


    private PdfString ReadHexString()
    {
        var position = Position;
        var value = PdfStringSyntax.ReadHex(_data, ref position);
        Position = position;
        return value;
    }

    private PdfString ReadLiteralString()
    {
        var position = Position;
        var value = PdfStringSyntax.ReadLiteral(_data, ref position);
        Position = position;
        return value;
    }
}
