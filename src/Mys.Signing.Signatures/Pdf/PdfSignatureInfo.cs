using System.Globalization;

namespace Mys.Signing.Signatures.Pdf;

/// <summary>A filled signature field as found in a PDF.</summary>
public sealed record PdfSignatureInfo(string FieldName, string Type, string SubFilter, long[] ByteRange, byte[] Contents, DateTimeOffset? SigningTime)
{
    public bool IsDocumentTimeStamp => string.Equals(Type, "DocTimeStamp", StringComparison.Ordinal)
        || string.Equals(SubFilter, "ETSI.RFC3161", StringComparison.Ordinal);

    public long SignedEnd => ByteRange.Length == 4 ? ByteRange[2] + ByteRange[3] : 0;

    /// <summary>All filled signature fields, in file order of their byte ranges.</summary>
    public static IReadOnlyList<PdfSignatureInfo> Read(PdfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = new List<PdfSignatureInfo>();
        foreach (var field in PdfAcroForm.Fields(file).Where(f => f.IsSignature))
        {
            if (file.ResolveDictionary(field.Dictionary["V"]) is not { } sig)
            {
                continue;
            }

            var range = (file.Resolve(sig["ByteRange"]) as PdfArray)?.Items.OfType<PdfNumber>().Select(n => n.LongValue).ToArray() ?? [];
            var contents = (file.Resolve(sig["Contents"]) as PdfString)?.Bytes ?? [];
            result.Add(new PdfSignatureInfo(field.FullName, sig.NameOf("Type") ?? "Sig", sig.NameOf("SubFilter") ?? string.Empty, range, contents,
                ParseDate((file.Resolve(sig["M"]) as PdfString)?.Text)));
        }

        return result.OrderBy(s => s.ByteRange.Length == 4 ? s.SignedEnd : 0).ToList();
    }

    /// <summary>Parses a PDF date "D:YYYYMMDDHHmmSSOHH'mm'".</summary>
    public static DateTimeOffset? ParseDate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var s = text.StartsWith("D:", StringComparison.Ordinal) ? text[2..] : text;
        if (s.Length < 14 || !DateTime.TryParseExact(s[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = TimeSpan.Zero;
        if (s.Length >= 17 && (s[14] == '+' || s[14] == '-'))
        {
            if (!int.TryParse(s.AsSpan(15, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours > 14)
            {
                return null;
            }

            var minutes = 0;
            if (s.Length >= 20 && (!int.TryParse(s.AsSpan(18, 2), NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes > 59))
            {
                return null;
            }

            offset = new TimeSpan(hours, minutes, 0) * (s[14] == '-' ? -1 : 1);
            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                return null;
            }
        }

        return new DateTimeOffset(local, offset);
    }
}
