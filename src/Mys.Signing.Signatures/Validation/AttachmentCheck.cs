using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Signatures.Validation;

/// <summary>Compares presented attachment hashes with the signed attachments table.</summary>
internal static class AttachmentCheck
{
    public static IEnumerable<AttachmentReport> Compare(IReadOnlyList<AttachmentRow> listed, IReadOnlyDictionary<string, string> presented)
    {
        foreach (var row in listed)
        {
            if (!presented.TryGetValue(row.FileName, out var actual))
            {
                yield return new(row.FileName, row.Sha256, null, AttachmentStatus.Missing, $"Ek dosya bulunamadı: {row.FileName}");
            }
            else if (string.Equals(actual, row.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(row.FileName, row.Sha256, actual, AttachmentStatus.Match, "Ek dosya imzalı belgedeki özetle eşleşiyor.");
            }
            else
            {
                yield return new(row.FileName, row.Sha256, actual, AttachmentStatus.Mismatch, $"Ek dosya değiştirilmiş (SHA-256 tutmuyor): {row.FileName}");
            }
        }

        foreach (var name in presented.Keys.Where(n => !listed.Any(r => string.Equals(r.FileName, n, StringComparison.Ordinal))))
        {
            yield return new(name, null, presented[name], AttachmentStatus.NotListed, $"Ek dosya imzalı ekler tablosunda yok: {name}");
        }
    }
}
