using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Mys.Signing.Signatures.Pdf;
using PdfSharp.Pdf;
using SharpPdfArray = PdfSharp.Pdf.PdfArray;
using SharpPdfDictionary = PdfSharp.Pdf.PdfDictionary;
using SharpPdfName = PdfSharp.Pdf.PdfName;
using SharpPdfString = PdfSharp.Pdf.PdfString;

namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// The PDF/A-3b pieces PDFsharp does not write without <c>SetPdfA()</c> (which also demands PDF/UA structure): an sRGB
/// output intent, and an XMP packet that identifies the file as PDF/A-3B and repeats /Info exactly.
/// </summary>
internal static partial class PdfAConformance
{
    public const string OutputCondition = "sRGB IEC61966-2.1";
    private const string IccResource = "PdfSharp.Resources.sRGB2014.icc";

    /// <summary>Adds /OutputIntents (GTS_PDFA1, sRGB ICC profile from the PDFsharp assembly) to the catalog.</summary>
    public static void AddOutputIntent(PdfDocument document)
    {
        var profile = new SharpPdfDictionary(document);
        profile.Elements["/N"] = new PdfInteger(3);
        profile.CreateStream((byte[])IccProfile.Value.Clone()); // PDFsharp owns the array it is given
        document.Internals.AddObject(profile);

        var intent = new SharpPdfDictionary(document);
        intent.Elements["/Type"] = new SharpPdfName("/OutputIntent");
        intent.Elements["/S"] = new SharpPdfName("/GTS_PDFA1");
        intent.Elements["/OutputConditionIdentifier"] = new SharpPdfString(OutputCondition);
        intent.Elements["/Info"] = new SharpPdfString(OutputCondition);
        intent.Elements["/DestOutputProfile"] = profile.Reference;
        document.Internals.Catalog.Elements["/OutputIntents"] = new SharpPdfArray(document, intent);
    }

    /// <summary>PDFsharp writes the whole file into a pooled buffer: room for a one-page ÖEB (≈ 52 KB) from the start, so
    /// it does not regrow; a longer document rents a larger one.</summary>
    private const int SaveCapacity = 64 * 1024;

    private static readonly Lazy<byte[]> IccProfile = new(() =>
    {
        using var resource = typeof(PdfDocument).Assembly.GetManifestResourceStream(IccResource)
                             ?? throw new InvalidOperationException(IccResource + " not found in the PDFsharp assembly.");
        using var buffer = new MemoryStream();
        resource.CopyTo(buffer);
        return buffer.ToArray();
    });

    /// <summary>Saves the document and applies <see cref="Finish"/> to the saved bytes.</summary>
    public static byte[] SaveAndFinish(PdfDocument document, byte[] seed)
    {
        using var output = new PooledSaveStream(SaveCapacity);
        document.Save(output, false);
        return Finish(output.ToArray(), seed);
    }

    /// <summary>
    /// Post-processing of the saved bytes: deterministic ids and subset tags, the PDF/A XMP packet in place of
    /// PDFsharp's (unfiltered, built from the file's own /Info), complete Flate streams.
    /// </summary>
    public static byte[] Finish(byte[] saved, byte[] seed)
    {
        var pdf = PaymentOrderRenderer.FixXmpIds(saved, seed);
        return PdfFlateFixer.Fix(pdf, file =>
        {
            var replacements = new Dictionary<int, Pdf.PdfObject>();
            if (file.Catalog["Metadata"] is PdfReference metadata && file.ResolveDictionary(file.Trailer["Info"]) is { } info)
            {
                var dict = new Pdf.PdfDictionary();
                dict["Type"] = new Pdf.PdfName("Metadata");
                dict["Subtype"] = new Pdf.PdfName("XML");
                replacements[metadata.Number] = new PdfStream(dict, Xmp(info, DocumentId(seed)));
            }

            return replacements;
        });
    }

    private static string DocumentId(byte[] seed) => "uuid:" + new Guid(seed.AsSpan(0, 16)).ToString("D");

    /// <summary>XMP for PDF/A-3B whose dc:title, xmp:CreatorTool, dates and pdf:Producer are the /Info values.</summary>
    internal static byte[] Xmp(Pdf.PdfDictionary info, string documentId)
    {
        static string Text(Pdf.PdfDictionary d, string key) => SecurityElement.Escape((d[key] as Pdf.PdfString)?.Text ?? string.Empty);
        var sb = new StringBuilder();
        sb.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
            .Append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
            .Append("<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
            .Append("<dc:format>application/pdf</dc:format>\n")
            .Append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Text(info, "Title")).Append("</rdf:li></rdf:Alt></dc:title>\n")
            .Append("</rdf:Description>\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
            .Append("<xmp:CreatorTool>").Append(Text(info, "Creator")).Append("</xmp:CreatorTool>\n")
            .Append("<xmp:CreateDate>").Append(XmpDate(info["CreationDate"])).Append("</xmp:CreateDate>\n")
            .Append("<xmp:ModifyDate>").Append(XmpDate(info["ModDate"])).Append("</xmp:ModifyDate>\n")
            .Append("</rdf:Description>\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
            .Append("<pdf:Producer>").Append(Text(info, "Producer")).Append("</pdf:Producer>\n")
            .Append("</rdf:Description>\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n")
            .Append("<xmpMM:DocumentID>").Append(documentId).Append("</xmpMM:DocumentID>\n")
            .Append("<xmpMM:InstanceID>").Append(documentId).Append("</xmpMM:InstanceID>\n")
            .Append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>PDF date (D:YYYYMMDDHHmmSS+HH'mm' or Z) as an XMP date with the same offset.</summary>
    internal static string XmpDate(Pdf.PdfObject? value)
    {
        var m = PdfDatePattern().Match((value as Pdf.PdfString)?.Text ?? string.Empty);
        if (!m.Success)
        {
            throw new FormatException("Unexpected /Info date.");
        }

        var g = m.Groups;
        var zone = g[7].Value is "" or "Z" ? "Z" : string.Create(CultureInfo.InvariantCulture, $"{g[7].Value}{g[8].Value}:{g[9].Value}");
        if (zone is "+00:00" or "-00:00")
        {
            zone = "Z";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{g[1].Value}-{g[2].Value}-{g[3].Value}T{g[4].Value}:{g[5].Value}:{g[6].Value}{zone}");
    }

    [GeneratedRegex(@"^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+\-Z])(?:(\d{2})'(\d{2})'?)?)?$")]
    private static partial Regex PdfDatePattern();
}
