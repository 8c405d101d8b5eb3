using System.Buffers;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Common;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Byte range sanity: starts at 0, excludes exactly the /Contents hex string, ends at a revision end.</summary>
internal static class PdfByteRangeCheck
{
    private static readonly System.Buffers.SearchValues<byte> HexOrSpace = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 128).Where(b => char.IsAsciiHexDigit((char)b) || char.IsWhiteSpace((char)b)).Select(b => (byte)b).ToArray());

    private static readonly SearchValues<byte> WhiteSpace = SearchValues.Create([0, 9, 10, 12, 13, 32]);

    public static bool Check(byte[] pdf, PdfSignatureInfo info, HashSet<long> revisionEnds, SignatureReport report)
    {
        var r = info.ByteRange;
        var ok = r.Length == 4 && r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] + r[3] <= pdf.Length
            && pdf[r[1]] == '<' && pdf[r[2] - 1] == '>';
        if (!ok)
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "BYTE_RANGE_INVALID");
            return false;
        }

        if (!revisionEnds.Contains(info.SignedEnd))
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "BYTE_RANGE_NOT_AT_REVISION_END");
            return false;
        }

        // Byte by byte as ASCII text: anything outside ASCII is neither a hex digit nor white space.
        var hex = pdf.AsSpan((int)r[1] + 1, (int)(r[2] - r[1] - 2));
        if (hex.ContainsAnyExcept(HexOrSpace))
        {
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "CONTENTS_NOT_HEX");
            return false;
        }

        if (!GapIsContents(hex, info.Contents))
        {
            // Signature wrapping: the excluded gap is some other string, the signature dictionary's /Contents lies elsewhere.
            report.Fail(Indication.TotalFailed, SubIndication.FormatFailure, "BYTE_RANGE_INVALID: /Contents is not the excluded gap");
            return false;
        }

        return true;
    }

    private static bool GapIsContents(ReadOnlySpan<byte> hex, byte[] contents)
    {
        // The usual gap: hex digits only, two per byte (checked above to hold nothing but hex digits and white space).
        if (hex.Length == 2 * contents.Length && !hex.ContainsAny(WhiteSpace))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(contents.Length);
            try
            {
                var decoded = buffer.AsSpan(0, contents.Length);
                return Convert.FromHexString(hex, decoded, out _, out var written) == OperationStatus.Done && written == contents.Length
                    && decoded.SequenceEqual(contents);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var index = 0;
        var high = -1;
        foreach (var b in hex)
        {
            if (PdfParser.IsWhite(b))
            {
                continue;
            }

            var nibble = char.IsAsciiDigit((char)b) ? b - '0' : (b | 0x20) - 'a' + 10;
            if (high < 0)
            {
                high = nibble;
                continue;
            }

            if (index >= contents.Length || contents[index++] != (byte)((high << 4) | nibble))
            {
                return false;
            }

            high = -1;
        }

        if (high >= 0 && (index >= contents.Length || contents[index++] != (byte)(high << 4)))
        {
            return false;
        }

        return index == contents.Length;
    }

    public static HashSet<long> RevisionEnds(byte[] pdf)
    {
        var ends = new HashSet<long>();
        var span = pdf.AsSpan();
        var from = 0;
        while (true)
        {
            var index = span[from..].IndexOf("%%EOF"u8);
            if (index < 0)
            {
                return ends;
            }

            long end = from + index + 5;
            ends.Add(end);
            if (end < pdf.Length && pdf[end] == 13)
            {
                ends.Add(++end);
            }

            if (end < pdf.Length && pdf[end] == 10)
            {
                ends.Add(++end);
            }

            from = (int)end;
        }
    }

    public static byte[] Digest(byte[] pdf, long[] range, HashAlgorithmName algorithm)
    {
        using var hash = DigestFunction.Named(algorithm).CreateIncremental();
        hash.Append(pdf, (int)range[0], (int)range[1]);
        hash.Append(pdf, (int)range[2], (int)range[3]);
        return hash.Finish();
    }
}
