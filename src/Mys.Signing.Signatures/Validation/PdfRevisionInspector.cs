using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Validation;

/// <summary>
/// Compares the revision a signature covers with the final file and lists changes that are not allowed after signing.
/// Allowed: filling an empty signature field (/V, /AP), new signature widgets, /DSS, document time-stamps.
/// Everything else — page content, resources, new annotations, replaced objects — is reported.
/// </summary>
internal static class PdfRevisionInspector
{
    public static IReadOnlyList<string> DisallowedChanges(byte[] pdf, PdfFile final, int signedEnd)
    {
        var findings = new List<string>();
        if (signedEnd >= pdf.Length)
        {
            return findings;
        }

        var before = PdfFile.Load(pdf[..signedEnd]);
        var pages = new HashSet<int>();
        var contents = new HashSet<int>();
        CollectPages(before, before.Catalog["Pages"], pages, contents, 0);
        var signatureFields = PdfAcroForm.Fields(before).Where(f => f.IsSignature).ToDictionary(f => f.Number);
        var acroForm = (before.Catalog["AcroForm"] as PdfReference)?.Number;
        var catalog = before.CatalogReference.Number;
        var dss = new HashSet<int>();
        CollectReferences(before, before.Catalog["DSS"], dss, 0);

        foreach (var (number, after) in final.Xref)
        {
            if (!before.Xref.TryGetValue(number, out var old) || old.Type == 0 || old == after)
            {
                continue;
            }

            if (after.Type == 0)
            {
                findings.Add($"OBJECT_DELETED: {number}");
                continue;
            }

            var oldValue = before.GetObject(number);
            var newValue = final.GetObject(number);
            if (oldValue is null || newValue is null || Same(oldValue, newValue))
            {
                continue;
            }

            var finding = Classify(number, oldValue, newValue, final, pages, contents, signatureFields, acroForm, catalog, dss);
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static string? Classify(int number, PdfObject oldValue, PdfObject newValue, PdfFile final, HashSet<int> pages, HashSet<int> contents,
        Dictionary<int, PdfField> signatureFields, int? acroForm, int catalog, HashSet<int> dss)
    {
        if (dss.Contains(number))
        {
            return null;
        }

        if (contents.Contains(number))
        {
            return $"PAGE_CONTENT_CHANGED: {number}";
        }

        if (oldValue is PdfDictionary o && newValue is PdfDictionary n)
        {
            var changed = ChangedKeys(o, n);
            if (number == catalog)
            {
                return changed.All(k => k is "DSS" or "Extensions" || (k == "AcroForm" && FormOnlyAddsSignatures(o["AcroForm"], n["AcroForm"], final)))
                    ? null
                    : $"CATALOG_CHANGED: {string.Join(',', changed)}";
            }

            if (number == acroForm)
            {
                return changed.All(k => k is "Fields" or "SigFlags") && AddedAreSignatures(o["Fields"], n["Fields"], final)
                    ? null
                    : $"ACROFORM_CHANGED: {string.Join(',', changed)}";
            }

            if (signatureFields.TryGetValue(number, out var field))
            {
                return field.Dictionary["V"] is null && changed.All(k => k is "V" or "AP")
                    ? null
                    : $"SIGNATURE_FIELD_CHANGED: {field.FullName}";
            }

            if (pages.Contains(number))
            {
                if (changed.Any(k => k != "Annots"))
                {
                    return $"PAGE_CONTENT_CHANGED: {number} ({string.Join(',', changed)})";
                }

                return AddedAreSignatures(o["Annots"], n["Annots"], final) ? null : $"ANNOTATION_ADDED: page {number}";
            }
        }

        if (oldValue is PdfArray && newValue is PdfArray)
        {
            return AddedAreSignatures(oldValue, newValue, final) ? null : $"ANNOTATION_ADDED: array {number}";
        }

        return $"OBJECT_CHANGED: {number}";
    }

    /// <summary>An inline or newly created /AcroForm may change only by gaining signature fields (and /SigFlags).</summary>
    private static bool FormOnlyAddsSignatures(PdfObject? oldForm, PdfObject? newForm, PdfFile final)
    {
        var before = oldForm as PdfDictionary ?? new PdfDictionary();
        var after = final.ResolveDictionary(newForm);
        return after is not null
            && ChangedKeys(before, after).All(k => k is "Fields" or "SigFlags")
            && AddedAreSignatures(before["Fields"], after["Fields"], final);
    }

    private static bool AddedAreSignatures(PdfObject? oldList, PdfObject? newList, PdfFile final)
    {
        var oldItems = (final.Resolve(oldList) as PdfArray)?.Items ?? [];
        var newItems = (final.Resolve(newList) as PdfArray)?.Items ?? [];
        var known = oldItems.OfType<PdfReference>().Select(r => r.Number).ToHashSet();
        foreach (var item in newItems)
        {
            if (item is PdfReference r && known.Contains(r.Number))
            {
                continue;
            }

            var dict = final.ResolveDictionary(item);
            var parent = final.ResolveDictionary(dict?["Parent"]);
            var isSig = string.Equals(dict?.NameOf("FT") ?? parent?.NameOf("FT"), "Sig", StringComparison.Ordinal);
            if (!isSig)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> ChangedKeys(PdfDictionary a, PdfDictionary b)
    {
        var keys = a.Entries.Select(e => e.Key).Union(b.Entries.Select(e => e.Key), StringComparer.Ordinal);
        return keys.Where(k => a[k] is not { } x || b[k] is not { } y || !Same(x, y)).ToList();
    }

    private static bool Same(PdfObject a, PdfObject b) => PdfSerializer.ToBytes(a).AsSpan().SequenceEqual(PdfSerializer.ToBytes(b));

    private static void CollectPages(PdfFile file, PdfObject? node, HashSet<int> pages, HashSet<int> contents, int depth)
    {
        if (depth > 32 || node is not PdfReference reference || file.GetObject(reference.Number) is not PdfDictionary dict)
        {
            return;
        }

        if (dict["Kids"] is { } kids && file.Resolve(kids) is PdfArray array)
        {
            foreach (var kid in array.Items)
            {
                CollectPages(file, kid, pages, contents, depth + 1);
            }

            return;
        }

        pages.Add(reference.Number);
        switch (dict["Contents"])
        {
            case PdfReference c when file.GetObject(c.Number) is PdfArray parts:
                contents.Add(c.Number);
                contents.UnionWith(parts.Items.OfType<PdfReference>().Select(p => p.Number));
                break;
            case PdfReference c:
                contents.Add(c.Number);
                break;
            case PdfArray parts:
                contents.UnionWith(parts.Items.OfType<PdfReference>().Select(p => p.Number));
                break;
            default:
                break;
        }
    }

    private static void CollectReferences(PdfFile file, PdfObject? value, HashSet<int> numbers, int depth)
    {
        if (depth > 6 || value is null)
        {
            return;
        }

        if (value is PdfReference r)
        {
            if (!numbers.Add(r.Number))
            {
                return;
            }

            value = file.GetObject(r.Number);
        }

        switch (value)
        {
            case PdfDictionary d:
                foreach (var e in d.Entries)
                {
                    CollectReferences(file, e.Value, numbers, depth + 1);
                }

                break;
            case PdfArray a:
                foreach (var item in a.Items)
                {
                    CollectReferences(file, item, numbers, depth + 1);
                }

                break;
            default:
                break;
        }
    }
}
