namespace Mys.Signing.Signatures.Pdf;

/// <summary>A form field found through /Root → /AcroForm → /Fields (recursing into /Kids).</summary>
public sealed record PdfField(int Number, string FullName, PdfDictionary Dictionary)
{
    public bool IsSignature => string.Equals(Dictionary.NameOf("FT"), "Sig", StringComparison.Ordinal);
}

/// <summary>Field lookup by name, independent of the producer's object numbering.</summary>
public static class PdfAcroForm
{
    /// <summary>Deepest /Kids nesting followed; real forms use a handful of levels, a hostile chain must not exhaust the stack.</summary>
    public const int MaxDepth = 64;

    public static IReadOnlyList<PdfField> Fields(PdfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = new List<PdfField>();
        var form = file.ResolveDictionary(file.Catalog["AcroForm"]);
        if (form?["Fields"] is not { } fields || file.Resolve(fields) is not PdfArray array)
        {
            return result;
        }

        var seen = new HashSet<int>();
        foreach (var item in array.Items)
        {
            Walk(file, item, null, null, result, seen, 0);
        }

        return result;
    }

    public static PdfField? Find(PdfFile file, string name) =>
        Fields(file).FirstOrDefault(f => string.Equals(f.FullName, name, StringComparison.Ordinal));

    private static void Walk(PdfFile file, PdfObject item, string? parentName, string? inheritedType, List<PdfField> result, HashSet<int> seen, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new PdfFormatException(PdfFormatReasons.DepthLimit, $"Form fields nested deeper than {MaxDepth}.");
        }

        if (item is not PdfReference reference || !seen.Add(reference.Number) || file.GetObject(reference.Number) is not PdfDictionary dict)
        {
            return;
        }

        var partial = (dict["T"] as PdfString)?.Text;
        var fullName = partial is null ? parentName : parentName is null ? partial : parentName + "." + partial;
        var type = dict.NameOf("FT") ?? inheritedType;
        var kids = file.Resolve(dict["Kids"]) as PdfArray;
        var hasFieldKids = kids?.Items.Any(k => file.ResolveDictionary(k)?["T"] is not null) == true;
        if (hasFieldKids)
        {
            foreach (var kid in kids!.Items)
            {
                Walk(file, kid, fullName, type, result, seen, depth + 1);
            }

            return;
        }

        if (fullName is not null)
        {
            if (dict["FT"] is null && type is not null)
            {
                dict = dict.Clone();
                dict["FT"] = new PdfName(type);
            }

            result.Add(new PdfField(reference.Number, fullName, dict));
        }
    }
}
