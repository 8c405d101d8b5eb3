using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Validation;
using Xunit.Abstractions;

namespace Mys.Signing.Signatures.Tests.PdfReader;

/// <summary>What the validator makes of files the reader rejects, and that big damaged files stay linear to read.</summary>
public sealed class PdfUnreadableValidationTests(ITestOutputHelper output)
{
    private static readonly SignatureValidator Validator = new(new ValidationOptions(), new OfflineRevocationDataClient(), TimeProvider.System);

    [Theory]
    [InlineData("garbage", "PDF_UNREADABLE: NOT_PDF")]
    [InlineData("deep", "PDF_UNREADABLE: DEPTH_LIMIT")]
    public async Task A_malformed_pdf_is_total_failed_format_failure_with_the_reason(string kind, string finding)
    {
        var pdf = kind == "garbage"
            ? Encoding.ASCII.GetBytes("%PDF-1.7\nnothing here\n%%EOF\n")
            : TestPdfBuilder.Basic().Object(1, "<< /Type /Catalog /Deep " + new string('[', 10_000) + " >>").Classic();

        var report = await Validator.ValidatePdfAsync(pdf);

        report.Indication.ShouldBe(Indication.TotalFailed);
        report.SubIndication.ShouldBe(SubIndication.FormatFailure);
        report.Findings.ShouldBe([finding]);
    }

    [Fact]
    public async Task A_file_without_signatures_that_reads_fine_is_not_unreadable()
    {
        var report = await Validator.ValidatePdfAsync(TestPdfBuilder.Basic().Classic());

        report.Indication.ShouldBe(Indication.TotalFailed);
        report.Findings.ShouldBe(["NO_SIGNATURE"]);
        report.Signatures.ShouldBeEmpty();
    }

    [Fact]
    public void A_large_file_with_a_broken_xref_is_rebuilt_in_one_linear_pass()
    {
        // ~6 MB: 40,000 small objects, 200 streams of 16 KB binary data whose /Length is wrong, a 64 KB hex string.
        var builder = TestPdfBuilder.Basic();
        var random = new Random(7);
        for (var n = 6; n < 40_006; n++)
        {
            builder.Object(n, string.Create(CultureInfo.InvariantCulture, $"<< /N {n} /Next {n + 1} 0 R /S (obj {n}) >>"));
        }

        for (var n = 40_006; n < 40_206; n++)
        {
            var data = new byte[16 * 1024];
            random.NextBytes(data);
            builder.Object(n, [.. "<< /Length 5 >>\nstream\n"u8, .. data, .. "\nendstream"u8]);
        }

        builder.Object(40_206, "<" + Convert.ToHexString(new byte[32 * 1024]) + ">");
        var pdf = builder.Classic(startxref: "123");
        var clock = Stopwatch.StartNew();

        var file = PdfFile.Load(pdf);
        var loaded = clock.Elapsed;
        var read = 0;
        for (var n = 6; n < 40_207; n++)
        {
            read += file.GetObject(n) is null ? 0 : 1;
        }

        clock.Stop();
        output.WriteLine($"{pdf.Length:N0} bytes: xref rebuilt in {loaded.TotalMilliseconds:F0} ms, all {read:N0} objects read after {clock.ElapsedMilliseconds} ms");
        read.ShouldBe(40_201);
        file.IsReconstructed.ShouldBeTrue();
        PdfReaderRobustnessTests.AssertReadable(file);
        ((PdfStream)file.GetObject(40_100)!).Data.Length.ShouldBe(16 * 1024);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }
}
