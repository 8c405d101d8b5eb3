using System.Text.Json;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// Machine-readable copy of the ÖEB's attachments table, stored as a stream under the catalog key /MysAttachments,
/// so a validator can compare attachment files with the SHA-256 values the signers signed.
/// </summary>
public static class AttachmentManifest
{
    public const string CatalogKey = "MysAttachments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(IEnumerable<AttachmentRow> rows) => JsonSerializer.SerializeToUtf8Bytes(rows.ToList(), Json);

    /// <summary>The attachments listed in <paramref name="file"/>, or an empty list.</summary>
    public static IReadOnlyList<AttachmentRow> Read(PdfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Resolve(file.Catalog[CatalogKey]) is not PdfStream stream)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<AttachmentRow>>(PdfFilters.Decode(stream), Json) ?? [];
        }
        catch (JsonException ex)
        {
            throw new PdfFormatException(PdfFormatReasons.Malformed, "the signed attachments table is not valid JSON", ex);
        }
    }
}
