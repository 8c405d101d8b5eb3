using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

/// <summary>
/// The PDF/A-3b clauses that can be checked mechanically, read back with our own parser (no PDF/A validator can be
/// installed on this machine).
/// </summary>
[Collection(PkiCollection.Name)]
public sealed partial class PdfAConformanceTests(PkiFixture fx)
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace PdfAId = "http://www.aiim.org/pdfa/ns/id/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace PdfNs = "http://ns.adobe.com/pdf/1.3/";

    public static TheoryData<string> Documents => ["oeb", "vif"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Xmp_identifies_PDF_A_3B_and_agrees_with_Info(string kind)
    {
        var file = PdfFile.Load(Render(kind));
        var metadata = (PdfStream)file.Resolve(file.Catalog["Metadata"])!;
        metadata.Dictionary.NameOf("Type").ShouldBe("Metadata");
        metadata.Dictionary.NameOf("Subtype").ShouldBe("XML");
        metadata.Dictionary["Filter"].ShouldBeNull("the metadata stream must be unfiltered");
        var text = Encoding.UTF8.GetString(metadata.Data);
        text.ShouldStartWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
        text.ShouldEndWith("<?xpacket end=\"w\"?>");
        text.ShouldNotContain("bytes=");
        text.ShouldNotContain("encoding=");
        var xml = XDocument.Parse(text[text.IndexOf("?>", StringComparison.Ordinal)..].TrimStart('?', '>')[..^"<?xpacket end=\"w\"?>".Length]);
        string Value(XName name) => xml.Descendants(name).Single().Value;

        Value(PdfAId + "part").ShouldBe("3");
        Value(PdfAId + "conformance").ShouldBe("B");
        var info = file.ResolveDictionary(file.Trailer["Info"])!;
        string InfoText(string key) => ((Pdf.PdfString)info[key]!).Text;
        xml.Descendants(Dc + "title").Single().Descendants(Rdf + "li").Single().Value.ShouldBe(InfoText("Title"));
        InfoText("Title").ShouldContain(kind == "oeb" ? "ÖDEME EMRİ BELGESİ" : "VARLIK İŞLEM FİŞİ");
        Value(Xmp + "CreatorTool").ShouldBe(InfoText("Creator"));
        Value(PdfNs + "Producer").ShouldBe(InfoText("Producer"));
        InfoText("CreationDate").ShouldBe(kind == "oeb" ? "D:20261121100000+00'00'" : "D:20261120000000+00'00'");
        Value(Xmp + "ModifyDate").ShouldBe(PdfDateAsXmp(InfoText("ModDate")));
        Value(Xmp + "CreateDate").ShouldBe(PdfDateAsXmp(InfoText("CreationDate")));
        foreach (var key in new[] { "Author", "Subject", "Keywords" })
        {
            info[key].ShouldBeNull($"/Info /{key} would need an XMP twin");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Producer_is_the_MIT_licensed_PDFsharp_not_an_AGPL_build(string kind)
    {
        var file = PdfFile.Load(Render(kind));
        var producer = ((Pdf.PdfString)file.ResolveDictionary(file.Trailer["Info"])!["Producer"]!).Text;
        producer.ShouldStartWith("PDFsharp 6.2.");
        producer.ShouldNotContain("AGPL", Case.Insensitive);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Output_intent_carries_an_sRGB_monitor_ICC_profile(string kind)
    {
        var file = PdfFile.Load(Render(kind));
        var intents = (Pdf.PdfArray)file.Resolve(file.Catalog["OutputIntents"])!;
        var intent = file.ResolveDictionary(intents.Items.Single())!;
        intent.NameOf("Type").ShouldBe("OutputIntent");
        intent.NameOf("S").ShouldBe("GTS_PDFA1");
        ((Pdf.PdfString)intent["OutputConditionIdentifier"]!).Text.ShouldBe("sRGB IEC61966-2.1");
        var profile = (PdfStream)file.Resolve(intent["DestOutputProfile"])!;
        ((PdfNumber)profile.Dictionary["N"]!).IntValue.ShouldBe(3);
        var icc = PdfFilters.Decode(profile);
        icc.Length.ShouldBeGreaterThan(128);
        ((icc[0] << 24) | (icc[1] << 16) | (icc[2] << 8) | icc[3]).ShouldBe(icc.Length, "ICC header size");
        Encoding.ASCII.GetString(icc, 36, 4).ShouldBe("acsp");
        Encoding.ASCII.GetString(icc, 16, 4).ShouldBe("RGB ");
        Encoding.ASCII.GetString(icc, 12, 4).ShouldBe("mntr");
        icc[8].ShouldBeLessThan((byte)5, "PDF/A-3 allows ICC versions up to 4");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Mechanical_PDF_A_file_rules_hold(string kind)
    {
        var bytes = Render(kind);
        var file = PdfFile.Load(bytes);

        // Header: %PDF-1.n then a comment with at least four bytes above 127.
        Encoding.ASCII.GetString(bytes, 0, 8).ShouldStartWith("%PDF-1.");
        bytes[9].ShouldBe((byte)'%');
        bytes.Skip(10).Take(4).ShouldAllBe(b => b > 127);
        var ids = (Pdf.PdfArray)file.Trailer["ID"]!;
        ids.Items.Count.ShouldBe(2);
        file.Trailer["Encrypt"].ShouldBeNull();
        Encoding.ASCII.GetString(bytes[^6..]).ShouldBe("%%EOF\n");

        var catalog = file.Catalog;
        catalog["Names"].ShouldBeNull("no JavaScript or embedded-file name trees");
        catalog["OpenAction"].ShouldBeNull();
        catalog["AA"].ShouldBeNull();
        if (file.ResolveDictionary(catalog["AcroForm"]) is { } form)
        {
            (form["NeedAppearances"] as PdfBoolean)?.Value.ShouldNotBe(true);
            form["XFA"].ShouldBeNull();
        }

        var fonts = 0;
        foreach (var number in file.Xref.Where(e => e.Value.Type == 1).Select(e => e.Key))
        {
            var value = file.GetObject(number);
            var dict = value switch { PdfStream s => s.Dictionary, Pdf.PdfDictionary d => d, _ => null };
            if (dict is null)
            {
                continue;
            }

            foreach (var filter in Filters(dict))
            {
                filter.ShouldNotBeOneOf(["LZWDecode", "LZW"]);
            }

            dict["AA"].ShouldBeNull();
            dict.NameOf("S").ShouldNotBe("JavaScript");
            dict.NameOf("S").ShouldNotBe("Launch");
            if (value is PdfStream stream)
            {
                stream.Dictionary["F"].ShouldBeNull("no external stream data");
            }

            if (dict.NameOf("Type") == "FontDescriptor")
            {
                fonts++;
                (dict["FontFile"] ?? dict["FontFile2"] ?? dict["FontFile3"]).ShouldNotBeNull("every font embedded");
                dict["CIDSet"].ShouldBeNull("a CIDSet would have to list every glyph of the subset; PDFsharp writes none");
            }

            if (dict.NameOf("Subtype") == "CIDFontType2")
            {
                dict.NameOf("CIDToGIDMap").ShouldBe("Identity");
                AssertWidthsMatchFontProgram(file, dict);
            }

            if (dict.NameOf("Type") == "ExtGState")
            {
                foreach (var key in new[] { "ca", "CA" })
                {
                    if (dict[key] is PdfNumber alpha)
                    {
                        alpha.DoubleValue.ShouldBe(1.0);
                    }
                }

                dict["TR"].ShouldBeNull();
                dict["TR2"].ShouldBeNull();
                (dict.NameOf("BM") ?? "Normal").ShouldBe("Normal");
            }
        }

        fonts.ShouldBeGreaterThan(0);
        Tools.Run("pdffonts", fx.TempFile("pdfa-" + kind + ".pdf", bytes)).Output.Split('\n').Skip(2)
            .Where(l => l.Length > 0).ShouldAllBe(l => Regex.IsMatch(l, @"\syes\s+yes\s+yes\s"));
    }

    [Fact]
    public void Pre_created_signature_widgets_are_printable_and_have_an_appearance()
    {
        var file = PdfFile.Load(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()));
        var fields = PdfAcroForm.Fields(file);
        fields.Count.ShouldBe(3);
        foreach (var field in fields)
        {
            AssertPrintableWithAppearance(file, field.Dictionary);
        }
    }

    [Fact]
    public async Task Signed_twice_the_ÖEB_keeps_PDF_A_identification_and_validates_in_pdfsig_and_qpdf()
    {
        var pdf = PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder());
        var first = await TestSigner.SignPdfAsync(fx, pdf, SignerFields.RealizationOfficer, fx.Pki["ayse"]);
        var second = await TestSigner.SignPdfAsync(fx, first.Pdf, SignerFields.SpendingAuthority, fx.Pki["mehmet"]);
        var path = fx.TempFile("pdfa-signed2.pdf", second.Pdf);
        var (code, output) = Tools.Run("pdfsig", "-nssdir", "sql:" + fx.NssDir, path);
        code.ShouldBe(0, output);
        output.Split("Signature is Valid.").Length.ShouldBe(3, output);
        output.Split("Certificate is Trusted.").Length.ShouldBe(3, output);
        var check = Tools.Run("qpdf", "--check", path);
        check.ExitCode.ShouldBe(0, check.Output);

        var file = PdfFile.Load(second.Pdf);
        file.Catalog["OutputIntents"].ShouldNotBeNull();
        Encoding.UTF8.GetString(((PdfStream)file.Resolve(file.Catalog["Metadata"])!).Data).ShouldContain("<pdfaid:part>3</pdfaid:part>");
        var signed = PdfAcroForm.Fields(file).Where(f => f.Dictionary["V"] is not null).ToList();
        signed.Count.ShouldBe(2);
        foreach (var field in PdfAcroForm.Fields(file))
        {
            AssertPrintableWithAppearance(file, field.Dictionary);
        }
    }

    [Fact]
    public void Rendering_with_the_PDF_A_pieces_stays_deterministic()
    {
        PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder())
            .SequenceEqual(PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder())).ShouldBeTrue();
        StructuredDocumentRenderer.Render(StructuredDocumentRendererTests.Voucher())
            .SequenceEqual(StructuredDocumentRenderer.Render(StructuredDocumentRendererTests.Voucher())).ShouldBeTrue();
    }

    private static void AssertPrintableWithAppearance(PdfFile file, Pdf.PdfDictionary widget)
    {
        var flags = ((PdfNumber)widget["F"]!).IntValue;
        (flags & 4).ShouldBe(4, "Print flag");
        (flags & (1 | 2 | 32 | 256)).ShouldBe(0, "Invisible, Hidden, NoView, ToggleNoView must be clear");
        widget["AA"].ShouldBeNull();
        widget["A"].ShouldBeNull();
        var ap = file.ResolveDictionary(widget["AP"])!;
        ap.Entries.Select(e => e.Key).ShouldBe(["N"]);
        var normal = (PdfStream)file.Resolve(ap["N"])!;
        normal.Dictionary.NameOf("Subtype").ShouldBe("Form");
        normal.Dictionary["BBox"].ShouldNotBeNull();
    }

    /// <summary>ISO 19005-3 6.2.11.5: /W must agree with the embedded font's advance widths (hmtx), within one unit.</summary>
    private static void AssertWidthsMatchFontProgram(PdfFile file, Pdf.PdfDictionary cidFont)
    {
        var descriptor = file.ResolveDictionary(cidFont["FontDescriptor"])!;
        var font = PdfFilters.Decode((PdfStream)file.Resolve(descriptor["FontFile2"])!);
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = U16(font, 4);
        for (var i = 0; i < count; i++)
        {
            tables[Encoding.ASCII.GetString(font, 12 + (16 * i), 4)] = (int)U32(font, 12 + (16 * i) + 8);
        }

        var unitsPerEm = U16(font, tables["head"] + 18);
        var metrics = U16(font, tables["hhea"] + 34);
        int Advance(int gid) => U16(font, tables["hmtx"] + (4 * Math.Min(gid, metrics - 1)));
        var w = ((Pdf.PdfArray)file.Resolve(cidFont["W"])!).Items;
        var checkedGlyphs = 0;
        for (var i = 0; i < w.Count;)
        {
            var first = ((PdfNumber)w[i]).IntValue;
            if (w[i + 1] is Pdf.PdfArray list)
            {
                for (var k = 0; k < list.Items.Count; k++, checkedGlyphs++)
                {
                    var expected = Advance(first + k) * 1000.0 / unitsPerEm;
                    Math.Abs(((PdfNumber)list.Items[k]).DoubleValue - expected).ShouldBeLessThanOrEqualTo(1.0, $"glyph {first + k}");
                }

                i += 2;
            }
            else
            {
                var last = ((PdfNumber)w[i + 1]).IntValue;
                for (var gid = first; gid <= last; gid++, checkedGlyphs++)
                {
                    Math.Abs(((PdfNumber)w[i + 2]).DoubleValue - (Advance(gid) * 1000.0 / unitsPerEm)).ShouldBeLessThanOrEqualTo(1.0, $"glyph {gid}");
                }

                i += 3;
            }
        }

        checkedGlyphs.ShouldBeGreaterThan(10);
    }

    private static int U16(byte[] b, int at) => (b[at] << 8) | b[at + 1];

    private static uint U32(byte[] b, int at) => ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];

    private static IEnumerable<string> Filters(Pdf.PdfDictionary dict) => dict["Filter"] switch
    {
        PdfName n => [n.Value],
        Pdf.PdfArray a => a.Items.OfType<PdfName>().Select(n => n.Value),
        _ => [],
    };

    private static string PdfDateAsXmp(string pdfDate)
    {
        var m = PdfDate().Match(pdfDate);
        m.Success.ShouldBeTrue(pdfDate);
        var zone = m.Groups[7].Value is "" or "Z" || (m.Groups[8].Value == "00" && m.Groups[9].Value == "00")
            ? "Z"
            : m.Groups[7].Value + m.Groups[8].Value + ":" + m.Groups[9].Value;
        return $"{m.Groups[1]}-{m.Groups[2]}-{m.Groups[3]}T{m.Groups[4]}:{m.Groups[5]}:{m.Groups[6]}{zone}";
    }

    [GeneratedRegex(@"^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+\-Z])(?:(\d{2})'(\d{2})'?)?)?$")]
    private static partial Regex PdfDate();

    private static byte[] Render(string kind) => kind == "oeb"
        ? PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder())
        : StructuredDocumentRenderer.Render(StructuredDocumentRendererTests.Voucher());
}
