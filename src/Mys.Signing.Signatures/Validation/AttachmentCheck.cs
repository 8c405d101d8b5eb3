using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Compares presented attachment hashes with the signed attachments table. Only two equal, non-empty SHA-256 values are a
/// match: a row the signers signed without a hash binds nothing, and a file without a hash was not presented.
/// </summary>
internal static class AttachmentCheck
{
    public static IEnumerable<AttachmentReport> Compare(IReadOnlyList<AttachmentRow> listed, IReadOnlyDictionary<string, string> presented)
    {
        foreach (var row in listed)
        {
            var signed = string.IsNullOrWhiteSpace(row.Sha256) ? null : row.Sha256.Trim();
            var actual = presented.TryGetValue(row.FileName, out var found) && !string.IsNullOrWhiteSpace(found) ? found.Trim() : null;
            if (signed is null)
            {
                yield return new(row.FileName, null, actual, AttachmentStatus.SignedHashMissing,
                    $"İmzalı özet eksik: {row.FileName} için imzalı ekler tablosunda SHA-256 yok; ek imzaya bağlanmamış.");
            }
            else if (actual is null)
            {
                yield return new(row.FileName, signed, null, AttachmentStatus.Missing, $"Ek dosya bulunamadı: {row.FileName}");
            }
            else if (string.Equals(actual, signed, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(row.FileName, signed, actual, AttachmentStatus.Match, "Ek dosya imzalı belgedeki özetle eşleşiyor.");
            }
            else
            {
                yield return new(row.FileName, signed, actual, AttachmentStatus.Mismatch, $"Ek dosya değiştirilmiş (SHA-256 tutmuyor): {row.FileName}");
            }
        }

        foreach (var name in presented.Keys.Where(n => !listed.Any(r => string.Equals(r.FileName, n, StringComparison.Ordinal))))
        {
            yield return new(name, null, presented[name], AttachmentStatus.NotListed, $"Ek dosya imzalı ekler tablosunda yok: {name}");
        }
    }
}
