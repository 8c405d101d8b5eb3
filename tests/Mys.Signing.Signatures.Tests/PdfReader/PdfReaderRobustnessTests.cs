using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>Foreign and damaged PDFs: read what real readers read, reject the rest with one exception type and a precise reason.</summary>
public sealed class PdfReaderRobustnessTests
{
    [Fact]
    public void A_well_formed_file_reads_catalog_title_and_fields()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic().Classic());

        AssertReadable(file);
        file.IsReconstructed.ShouldBeFalse();
        file.Repairs.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Junk_before_the_header_is_accepted_with_offsets_absolute_or_relative_to_the_header(bool relative)
    {
        var junk = Encoding.ASCII.GetBytes(new string('J', 700) + "\r\n");

        var file = PdfFile.Load(TestPdfBuilder.Basic().Classic(junk: junk, offsetsRelativeToHeader: relative));

        AssertReadable(file);
        file.HeaderOffset.ShouldBe(702);
        file.IsReconstructed.ShouldBeFalse();
        file.Repairs.ShouldBe(["HEADER_OFFSET"]);
    }

    [Fact]
    public void A_prev_pointing_at_its_own_section_is_a_tolerated_loop()
    {
        var builder = TestPdfBuilder.Basic();
        var xref = PdfFile.FindStartXref(builder.Classic());

        var file = PdfFile.Load(builder.Classic(trailer: $"/Root 1 0 R /Info 5 0 R /Prev {xref}"));

        AssertReadable(file);
        file.Repairs.ShouldContain(PdfFormatReasons.XrefLoop);
        file.IsReconstructed.ShouldBeFalse();
    }

    [Fact]
    public void Two_sections_whose_prev_point_at_each_other_are_read_once_each()
    {
        // Section A (the original) says /Prev = section B (an update); B says /Prev = A.
        byte[] Base(long prev) => TestPdfBuilder.Basic().Classic(trailer: $"/Root 1 0 R /Info 5 0 R /Prev {prev:D10}");
        var original = Base(0);
        var a = PdfFile.FindStartXref(original);
        var update = TestPdfBuilder.Latin1("6 0 obj\n(added)\nendobj\n");
        var b = original.Length + update.Length;
        var tail = TestPdfBuilder.Latin1(
            $"xref\n0 1\n0000000000 65535 f\r\n6 1\n{original.Length:D10} 00000 n\r\ntrailer\n<< /Size 7 /Root 1 0 R /Info 5 0 R /Prev {a} >>\nstartxref\n{b}\n%%EOF\n");
        byte[] pdf = [.. Base(b), .. update, .. tail];

        var file = PdfFile.Load(pdf);

        AssertReadable(file);
        ((PdfString)file.GetObject(6)!).Text.ShouldBe("added");
        file.Repairs.ShouldContain(PdfFormatReasons.XrefLoop);
    }

    [Fact]
    public void An_object_stream_that_contains_itself_is_an_object_loop()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 7 0 R >>")
            .ObjectStream(6, (7, "(in the stream)"))
            .WithXrefStream(9, new Dictionary<int, (int, int)> { [6] = (6, 0), [7] = (6, 0) });
        var file = PdfFile.Load(pdf);

        AssertReadable(file);
        Reason(() => file.Resolve(file.Catalog["Extra"])).ShouldBe(PdfFormatReasons.ObjectLoop);
    }

    [Fact]
    public void Two_object_streams_inside_each_other_are_an_object_loop()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 8 0 R >>")
            .ObjectStream(6, (8, "(eight)"))
            .ObjectStream(7, (10, "(ten)"))
            .WithXrefStream(9, new Dictionary<int, (int, int)> { [6] = (7, 0), [7] = (6, 0), [8] = (6, 0) });
        var file = PdfFile.Load(pdf);

        Reason(() => file.Resolve(file.Catalog["Extra"])).ShouldBe(PdfFormatReasons.ObjectLoop);
    }

    [Fact]
    public void References_that_refer_to_each_other_are_an_object_loop()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 6 0 R >>")
            .Object(6, "7 0 R").Object(7, "6 0 R").Classic());

        Reason(() => file.Resolve(file.Catalog["Extra"])).ShouldBe(PdfFormatReasons.ObjectLoop);
    }

    [Fact]
    public void A_reference_chain_longer_than_the_limit_is_a_depth_limit()
    {
        var builder = TestPdfBuilder.Basic().Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Short 80 0 R /Long 10 0 R >>");
        for (var n = 10; n < 100; n++)
        {
            builder.Object(n, string.Create(CultureInfo.InvariantCulture, $"{n + 1} 0 R"));
        }

        builder.Object(100, "(end)");
        var file = PdfFile.Load(builder.Classic());

        ((PdfString)file.Resolve(file.Catalog["Short"])!).Text.ShouldBe("end");
        Reason(() => file.Resolve(file.Catalog["Long"])).ShouldBe(PdfFormatReasons.DepthLimit);
    }

    [Fact]
    public void A_stream_whose_length_refers_to_itself_is_read_up_to_endstream()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic()
            .Object(6, "<< /Length 6 0 R >>\nstream\nHello\nendstream").Classic());

        PdfFilters.Decode((PdfStream)file.GetObject(6)!).ShouldBe("Hello"u8.ToArray());
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("<< /A ", ">>")]
    public void Ten_thousand_nested_levels_hit_the_depth_limit(string open, string close)
    {
        var nested = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        var file = PdfFile.Load(TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 6 0 R >>")
            .Object(6, nested).Classic());

        AssertReadable(file);
        Reason(() => file.GetObject(6)).ShouldBe(PdfFormatReasons.DepthLimit);
    }

    [Fact]
    public void A_catalog_nested_too_deep_makes_the_file_unreadable_for_that_reason()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 10_000));
        var pdf = TestPdfBuilder.Basic().Object(1, "<< /Type /Catalog /Pages 2 0 R /Deep " + nested + " >>").Classic();

        Reason(() => PdfFile.Load(pdf)).ShouldBe(PdfFormatReasons.DepthLimit);
    }

    [Fact]
    public void Every_truncation_of_a_file_reads_or_fails_with_a_format_exception()
    {
        var pdf = TestPdfBuilder.Basic().Object(6, "<< /Length 11 >>\nstream\nHello world\nendstream").Classic();
        var reasons = new HashSet<string>();
        var readable = 0;
        for (var length = 0; length < pdf.Length; length++)
        {
            try
            {
                var file = PdfFile.Load(pdf[..length]);
                _ = PdfSignatureInfo.Read(file);
                _ = PdfAcroForm.Fields(file);
                readable++;
            }
            catch (PdfFormatException ex)
            {
                reasons.Add(ex.Reason);
            }
        }

        // Once all objects are there the missing xref and trailer are rebuilt by scanning.
        var lastObject = pdf.AsSpan().IndexOf("xref\n"u8);
        var cut = PdfFile.Load(pdf[..lastObject]);
        cut.IsReconstructed.ShouldBeTrue();
        AssertReadable(cut, info: false);
        readable.ShouldBeGreaterThan(pdf.Length - lastObject - 1);
        reasons.ShouldContain(PdfFormatReasons.NotPdf);
    }

    [Fact]
    public void Xref_offsets_that_point_elsewhere_are_corrected_from_a_scan()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic().Classic(offset: (_, o) => o + 7));

        AssertReadable(file);
    }

    [Fact]
    public void A_startxref_beyond_the_file_rebuilds_the_xref_keeping_the_last_definition_of_each_object()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(5, "<< /Title (newer title) >>")
            .Classic(startxref: "99999999");

        var file = PdfFile.Load(pdf);

        file.IsReconstructed.ShouldBeTrue();
        file.Repairs.ShouldContain(PdfFormatReasons.BrokenXref);
        ((PdfString)file.ResolveDictionary(file.Trailer["Info"])!["Title"]!).Text.ShouldBe("newer title");
        PdfAcroForm.Fields(file).Single().FullName.ShouldBe("imza1");
    }

    [Fact]
    public void Without_any_trailer_the_catalog_is_found_by_its_type()
    {
        var pdf = TestPdfBuilder.Basic().Classic();
        var file = PdfFile.Load(pdf[..pdf.AsSpan().IndexOf("xref\n"u8)]);

        file.IsReconstructed.ShouldBeTrue();
        file.CatalogReference.Number.ShouldBe(1);
    }

    [Fact]
    public void A_broken_xref_stream_is_rebuilt_from_its_own_dictionary_and_the_object_streams()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 7 0 R >>")
            .ObjectStream(6, (7, "(compressed)"))
            .WithXrefStream(9, new Dictionary<int, (int, int)> { [7] = (6, 0) });
        var broken = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(pdf).Replace("/W [1 4 2]", "/W [1 9 2]", StringComparison.Ordinal));

        var file = PdfFile.Load(broken);

        file.IsReconstructed.ShouldBeTrue();
        file.UsesXrefStream.ShouldBeTrue();
        AssertReadable(file);
        ((PdfString)file.Resolve(file.Catalog["Extra"])!).Text.ShouldBe("compressed");
    }

    [Fact]
    public void A_hybrid_file_finds_compressed_objects_through_xrefstm()
    {
        var pdf = TestPdfBuilder.Basic()
            .Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> /Extra 7 0 R >>")
            .ObjectStream(6, (7, "(from the object stream)"))
            .Hybrid(8, new Dictionary<int, (int, int)> { [7] = (6, 0) });

        var file = PdfFile.Load(pdf);

        file.IsReconstructed.ShouldBeFalse();
        file.Xref[7].Type.ShouldBe(2);
        ((PdfString)file.Resolve(file.Catalog["Extra"])!).Text.ShouldBe("from the object stream");
    }

    [Fact]
    public void An_update_with_an_xref_stream_chains_to_an_earlier_xref_stream()
    {
        var first = TestPdfBuilder.Basic().WithXrefStream(9, new Dictionary<int, (int, int)>());
        var xref = PdfFile.FindStartXref(first);
        var at = first.Length;
        var update = TestPdfBuilder.Latin1("6 0 obj\n(update)\nendobj\n");
        var rows = new byte[] { 1, (byte)(at >> 24), (byte)(at >> 16), (byte)(at >> 8), (byte)at, 0, 0 };
        var xrefAt = at + update.Length;
        byte[] pdf =
        [
            .. first, .. update,
            .. TestPdfBuilder.Latin1($"10 0 obj\n<< /Type /XRef /Size 11 /W [1 4 2] /Index [6 1] /Root 1 0 R /Prev {xref} /Length 7 >>\nstream\n"),
            .. rows, .. TestPdfBuilder.Latin1($"\nendstream\nendobj\nstartxref\n{xrefAt}\n%%EOF\n"),
        ];

        var file = PdfFile.Load(pdf);

        file.IsReconstructed.ShouldBeFalse();
        file.UsesXrefStream.ShouldBeTrue();
        AssertReadable(file, info: false);
        ((PdfString)file.GetObject(6)!).Text.ShouldBe("update");
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("%PDF-1.7\n")]
    [InlineData("%PDF-1.7\n1 0 obj\n<< /Type /Pages >>\nendobj\n")]
    public void Something_that_is_no_pdf_is_rejected_with_a_reason(string text)
    {
        Reason(() => PdfFile.Load(Encoding.ASCII.GetBytes(text))).ShouldBeOneOf(PdfFormatReasons.NotPdf, PdfFormatReasons.BrokenXref);
    }

    [Theory]
    [InlineData("<< /A (unterminated >>", PdfFormatReasons.UnexpectedEof)]
    [InlineData("<< /A <12 >>", PdfFormatReasons.UnexpectedToken)]
    [InlineData("<< /A <4G> >>", PdfFormatReasons.UnexpectedToken)]
    [InlineData("<< /A [1 2 ", PdfFormatReasons.UnexpectedToken)]
    [InlineData("<< /A bogus >>", PdfFormatReasons.UnexpectedToken)]
    [InlineData("<< 12 /A >>", PdfFormatReasons.UnexpectedToken)]
    public void Malformed_objects_fail_with_the_precise_reason(string body, string reason)
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic().Object(6, body).Classic());

        Reason(() => file.GetObject(6)).ShouldBe(reason);
    }

    [Fact]
    public void Numbers_too_large_for_their_type_are_clamped_not_thrown()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic().Object(6, "[99999999999999999999999 -99999999999999999999999 3.5 +4 -.5]").Classic());

        var items = ((PdfArray)file.GetObject(6)!).Items.Cast<PdfNumber>().ToList();
        items[0].LongValue.ShouldBe(long.MaxValue);
        items[0].IntValue.ShouldBe(int.MaxValue);
        items[1].LongValue.ShouldBe(long.MinValue);
        items[2].IntValue.ShouldBe(3);
        items[3].IntValue.ShouldBe(4);
        items[4].DoubleValue.ShouldBe(-0.5);
    }

    [Fact]
    public void A_malformed_signing_date_is_no_date()
    {
        PdfSignatureInfo.ParseDate("D:20250101120000+ab'00'").ShouldBeNull();
        PdfSignatureInfo.ParseDate("D:20250101120000+23'00'").ShouldBeNull();
        PdfSignatureInfo.ParseDate("D:20250101120000+03'00'").ShouldBe(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Deeply_nested_form_fields_hit_the_depth_limit()
    {
        var builder = TestPdfBuilder.Basic().Object(1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>");
        for (var n = 10; n < 210; n++)
        {
            builder.Object(n, string.Create(CultureInfo.InvariantCulture, $"<< /T (f{n}) /Kids [{n + 1} 0 R] >>"));
        }

        builder.Object(210, "<< /T (leaf) /FT /Sig >>");
        var file = PdfFile.Load(builder.Classic());

        Reason(() => PdfAcroForm.Fields(file)).ShouldBe(PdfFormatReasons.DepthLimit);
    }

    [Fact]
    public void A_page_tree_that_repeats_and_contains_itself_is_walked_once_per_node()
    {
        var file = PdfFile.Load(TestPdfBuilder.Basic()
            .Object(2, "<< /Type /Pages /Kids [2 0 R 3 0 R 3 0 R 2 0 R 3 0 R 2 0 R 3 0 R 2 0 R 3 0 R 2 0 R] /Count 1 >>").Classic());

        PdfSignatureFieldWriter.Page(file, -1).Number.ShouldBe(3);
    }

    internal static string Reason(Func<object?> action)
    {
        var ex = Should.Throw<PdfFormatException>(() => action());
        return ex.Reason;
    }

    internal static string Reason(Action action)
    {
        var ex = Should.Throw<PdfFormatException>(action);
        return ex.Reason;
    }

    internal static void AssertReadable(PdfFile file, bool info = true)
    {
        file.Catalog.NameOf("Type").ShouldBe("Catalog");
        PdfAcroForm.Fields(file).Single().FullName.ShouldBe("imza1");
        if (info)
        {
            ((PdfString)file.ResolveDictionary(file.Trailer["Info"])!["Title"]!).Text.ShouldBe(TestPdfBuilder.TurkishTitle);
        }
    }
}
