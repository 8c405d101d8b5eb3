using System.Globalization;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// What the revision comparison asks of the objects it compares: is a field signed, is a widget a signature's, is a
/// value a document time-stamp, which keys changed, are two objects the same, and how findings name a place.
/// </summary>
internal static class RevisionObjects
{
    public static bool IsSigned(RevisionMap map, string field) => map.SignatureFields.Any(s => s.Name == field && s.Value is not null);

    public static string? SignatureWidget(PdfRevision revision, PdfDictionary? annotation)
    {
        if (annotation is null || !string.Equals(annotation.NameOf("Subtype"), "Widget", StringComparison.Ordinal))
        {
            return null;
        }

        var parent = revision.Dictionary(annotation["Parent"]);
        var type = annotation.NameOf("FT") ?? parent?.NameOf("FT");
        if (!string.Equals(type, "Sig", StringComparison.Ordinal))
        {
            return null;
        }

        return (revision.Resolve(annotation["T"] ?? parent?["T"]) as PdfString)?.Text ?? "?";
    }

    public static PdfObject? FieldValue(PdfRevision revision, PdfDictionary annotation) =>
        annotation["V"] ?? revision.Dictionary(annotation["Parent"])?["V"];

    public static bool IsTimeStamp(PdfDictionary? value) =>
        value is not null && (string.Equals(value.NameOf("Type"), "DocTimeStamp", StringComparison.Ordinal)
            || string.Equals(value.NameOf("SubFilter"), "ETSI.RFC3161", StringComparison.Ordinal));

    public static string ScriptNote(PdfDictionary? action) =>
        string.Equals(action?.NameOf("S"), "JavaScript", StringComparison.Ordinal) ? ": JavaScript" : string.Empty;

    public static string AnnotationName(string subtype) => subtype switch
    {
        "FreeText" => "serbest metin açıklaması",
        "Text" => "not açıklaması",
        "Stamp" => "damga açıklaması",
        "Square" or "Circle" or "Line" or "Polygon" or "PolyLine" or "Ink" => "çizim açıklaması",
        "Link" => "bağlantı",
        "Widget" => "form alanı görünümü",
        "Highlight" or "Underline" or "StrikeOut" or "Squiggly" => "işaretleme açıklaması",
        _ => $"açıklama (/{subtype})",
    };

    public static string Where(Part part) => part.Page > 0 ? $"page {part.Page} /{part.Field}" : part.Field is null ? "catalog" : $"/{part.Field}";

    public static string WhereTr(Part part) => part.Page > 0 ? $"{part.Page}. sayfa /{part.Field}" : part.Field is null ? "katalog" : $"/{part.Field}";

    public static string Identity(PdfObject item) => item is PdfReference r
        ? r.Number.ToString(CultureInfo.InvariantCulture)
        : Convert.ToHexString(PdfSerializer.ToBytes(item));

    public static PdfDictionary? Dict(PdfObject? value) => value switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    public static List<string> ChangedKeys(PdfDictionary? a, PdfDictionary? b)
    {
        a ??= new PdfDictionary();
        b ??= new PdfDictionary();
        var keys = a.Entries.Select(e => e.Key).Union(b.Entries.Select(e => e.Key), StringComparer.Ordinal);
        return keys.Where(k => a[k] is not { } x || b[k] is not { } y || !Same(x, y)).ToList();
    }

    /// <summary>
    /// Same serialized form. A stream is never "the same" here: revisions read streams without their bytes, so two of them
    /// are compared where they lie in the file (<c>RevisionDiff</c>); here they count as changed.
    /// </summary>
    public static bool Same(PdfObject a, PdfObject b)
    {
        if (a is PdfStream || b is PdfStream)
        {
            return false;
        }

        return PdfSerializer.ToBytes(a).AsSpan().SequenceEqual(PdfSerializer.ToBytes(b));
    }
}
