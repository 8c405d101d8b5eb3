namespace Mys.Signing.Signatures.Pdf;

/// <summary>Validation data of a PDF's Document Security Store (ETSI EN 319 142-1, /DSS).</summary>
public sealed record DssContent(IReadOnlyList<byte[]> Certificates, IReadOnlyList<byte[]> OcspResponses, IReadOnlyList<byte[]> Crls)
{
    public static DssContent Empty { get; } = new([], [], []);

    public bool IsEmpty => Certificates.Count == 0 && OcspResponses.Count == 0 && Crls.Count == 0;
}

/// <summary>Reads /DSS and appends it (merged with any existing one) as an incremental update — the B-LT step.</summary>
public static class PdfDss
{
    public static DssContent Read(PdfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var dss = file.ResolveDictionary(file.Catalog["DSS"]);
        if (dss is null)
        {
            return DssContent.Empty;
        }

        return new DssContent(Streams(file, dss["Certs"]), Streams(file, dss["OCSPs"]), Streams(file, dss["CRLs"]));
    }

    /// <summary>Appends certificates, OCSP responses and CRLs; existing entries are kept, duplicates skipped.</summary>
    public static byte[] Append(byte[] pdf, DssContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = PdfFile.Load(pdf);
        var existing = Read(file);
        var update = new PdfIncrementalUpdate(file);
        var oldDss = file.ResolveDictionary(file.Catalog["DSS"]);
        var dss = new PdfDictionary();
        dss["Type"] = new PdfName("DSS");
        dss["Certs"] = Merge(update, file, oldDss?["Certs"], existing.Certificates, content.Certificates);
        dss["OCSPs"] = Merge(update, file, oldDss?["OCSPs"], existing.OcspResponses, content.OcspResponses);
        dss["CRLs"] = Merge(update, file, oldDss?["CRLs"], existing.Crls, content.Crls);
        var dssRef = update.Add(dss);
        var catalog = file.Catalog.Clone();
        catalog["DSS"] = dssRef;
        update.Replace(file.CatalogReference.Number, catalog);
        return update.Build().Bytes;
    }

    private static PdfArray Merge(PdfIncrementalUpdate update, PdfFile file, PdfObject? oldArray, IReadOnlyList<byte[]> existing, IReadOnlyList<byte[]> added)
    {
        var array = new PdfArray();
        if (file.Resolve(oldArray) is PdfArray old)
        {
            array.Items.AddRange(old.Items);
        }

        foreach (var item in added.Where(a => !existing.Any(e => e.AsSpan().SequenceEqual(a))).DistinctBy(Convert.ToBase64String))
        {
            var dict = new PdfDictionary();
            dict["Filter"] = new PdfName("FlateDecode");
            array.Items.Add(update.Add(new PdfStream(dict, PdfFilters.Deflate(item))));
        }

        return array;
    }

    private static List<byte[]> Streams(PdfFile file, PdfObject? array)
    {
        var result = new List<byte[]>();
        if (file.Resolve(array) is PdfArray items)
        {
            foreach (var item in items.Items)
            {
                if (file.Resolve(item) is PdfStream stream)
                {
                    result.Add(PdfFilters.Decode(stream));
                }
            }
        }

        return result;
    }
}
