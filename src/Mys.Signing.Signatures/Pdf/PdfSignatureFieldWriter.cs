namespace Mys.Signing.Signatures.Pdf;

/// <summary>
/// Adds a new signature widget (merged field and widget) in an incremental update: registers it in /AcroForm /Fields
/// (creating /AcroForm with /SigFlags 3 when missing) and in the page's /Annots. Used for PDFs without pre-created
/// fields (uploaded attachments) and for document time-stamps.
/// </summary>
public static class PdfSignatureFieldWriter
{
    public static PdfReference Add(PdfFile file, PdfIncrementalUpdate update, PdfDictionary widget, int pageIndex)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(widget);
        var pageRef = Page(file, pageIndex);
        widget["Type"] = new PdfName("Annot");
        widget["Subtype"] = new PdfName("Widget");
        widget["FT"] = new PdfName("Sig");
        widget["P"] = pageRef;
        var widgetRef = update.Add(widget);

        var catalog = file.Catalog;
        if (catalog["AcroForm"] is PdfReference formRef && file.GetObject(formRef.Number) is PdfDictionary form)
        {
            update.Replace(formRef.Number, WithField(file, update, form, widgetRef));
        }
        else
        {
            var copy = catalog.Clone();
            copy["AcroForm"] = WithField(file, update, catalog["AcroForm"] as PdfDictionary ?? new PdfDictionary(), widgetRef);
            update.Replace(file.CatalogReference.Number, copy);
        }

        var page = (PdfDictionary)file.GetObject(pageRef.Number)!;
        if (page["Annots"] is PdfReference annotsRef && file.GetObject(annotsRef.Number) is PdfArray annots)
        {
            update.Replace(annotsRef.Number, new PdfArray(annots.Items.Append(widgetRef)));
        }
        else
        {
            var pageCopy = page.Clone();
            pageCopy["Annots"] = new PdfArray(((page["Annots"] as PdfArray)?.Items ?? []).Append(widgetRef));
            update.Replace(pageRef.Number, pageCopy);
        }

        return widgetRef;
    }

    private static PdfDictionary WithField(PdfFile file, PdfIncrementalUpdate update, PdfDictionary form, PdfReference widget)
    {
        var copy = form.Clone();
        copy["SigFlags"] = new PdfNumber(3);
        if (form["Fields"] is PdfReference fieldsRef && file.GetObject(fieldsRef.Number) is PdfArray indirect)
        {
            update.Replace(fieldsRef.Number, new PdfArray(indirect.Items.Append(widget)));
        }
        else
        {
            copy["Fields"] = new PdfArray(((form["Fields"] as PdfArray)?.Items ?? []).Append(widget));
        }

        return copy;
    }

    /// <summary>The page at <paramref name="index"/> (0-based; negative counts from the end) through the page tree.</summary>
    public static PdfReference Page(PdfFile file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        var pages = new List<PdfReference>();
        Collect(file, file.Catalog["Pages"], pages, [], 0);
        if (pages.Count == 0)
        {
            throw new PdfFormatException(PdfFormatReasons.NoPages, "The page tree has no pages.");
        }

        return pages[Math.Clamp(index < 0 ? pages.Count + index : index, 0, pages.Count - 1)];
    }

    private static void Collect(PdfFile file, PdfObject? node, List<PdfReference> pages, HashSet<int> seen, int depth)
    {
        // Each node once: a tree whose /Kids repeat a node (or point back up) must not explode exponentially.
        if (depth > 32 || node is not PdfReference reference || !seen.Add(reference.Number) || file.GetObject(reference.Number) is not PdfDictionary dict)
        {
            return;
        }

        if (file.Resolve(dict["Kids"]) is PdfArray kids)
        {
            foreach (var kid in kids.Items)
            {
                Collect(file, kid, pages, seen, depth + 1);
            }
        }
        else
        {
            pages.Add(reference);
        }
    }
}
