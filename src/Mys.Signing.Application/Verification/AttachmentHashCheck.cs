using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The attachments against the signed attachments table. <see cref="Presented"/> gives the validator, by signed name, the
/// SHA-256 of what the store holds now under each attachment's key; a row without a key (nothing stored, or a table signed
/// without a hash) and a key the store has no content for present nothing, so the validator reports them as missing,
/// never as a match. <see cref="Problems"/> turns every result other than a match into a report problem.
/// </summary>
internal static class AttachmentHashCheck
{
    /// <param name="files">The signed table's rows with their store keys (<see cref="AttachmentFiles.FromManifest"/>).</param>
    /// <param name="stored">SHA-256 of the stored content by store key (a key without content is absent).</param>
    public static Dictionary<string, string> Presented(IEnumerable<AttachmentFile> files, IReadOnlyDictionary<string, string> stored)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Sha256 is { } key && stored.TryGetValue(key, out var hash))
            {
                hashes.TryAdd(file.Name, hash);
            }
        }

        return hashes;
    }

    public static IEnumerable<string> Problems(IEnumerable<AttachmentReport> attachments) =>
        attachments.Where(a => a.Status != AttachmentStatus.Match).Select(a => a.Message);
}
