using System.Globalization;
using System.Text;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;
using Mys.Signing.Signatures.Validation;
using static Mys.Signing.Signatures.Tests.Validation.PdfAttackBuilder;

namespace Mys.Signing.Signatures.Tests.Validation;

/// <summary>
/// The revision comparison reads streams without copying their bytes and compares them where they lie in the file
/// (session 14): a later revision that redefines the signed page content with the very same bytes is no change, and one
/// that changes a single byte of the compressed data (same length, same dictionary) is a content change.
/// </summary>
[Collection(PkiCollection.Name)]
public sealed class StreamRedefinitionTests(PkiFixture fx)
{
    private static SignatureValidator Blind() => new(new ValidationOptions(), new OfflineRevocationDataClient(), TimeProvider.System);

    [Fact]
    public async Task Redefining_the_signed_page_content_with_the_same_bytes_is_no_change()
    {
        var (signed, contents) = await SignedAsync();
        var updated = Redefine(signed, contents, flipAt: null);

        var report = await Blind().ValidatePdfAsync(updated);
        report.Signatures.Count.ShouldBe(1);
        report.Signatures[0].SubIndication.ShouldNotBe(SubIndication.ChangeNotPermitted, report.ToJson());
        report.Signatures[0].Findings.ShouldNotContain(f => f.StartsWith("PAGE_CONTENT_CHANGED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redefining_the_signed_page_content_with_one_byte_changed_fails()
    {
        var (signed, contents) = await SignedAsync();
        var updated = Redefine(signed, contents, flipAt: 0.5);

        var report = await Blind().ValidatePdfAsync(updated);
        report.Indication.ShouldBe(Indication.TotalFailed, report.ToJson());
        report.Signatures[0].SubIndication.ShouldBe(SubIndication.ChangeNotPermitted);
        report.Signatures[0].Findings.ShouldContain(f => f.StartsWith("PAGE_CONTENT_CHANGED", StringComparison.Ordinal), report.ToJson());
    }

    private async Task<(byte[] Signed, int Contents)> SignedAsync()
    {
        var signed = (await TestSigner.SignPdfAsync(fx, PaymentOrderRenderer.Render(DemoPrintModels.PaymentOrder()), SignerFields.RealizationOfficer,
            fx.Pki["ayse"])).Pdf;
        var file = PdfFile.Load(signed);
        return (signed, ((PdfReference)file.ResolveDictionary(FirstPage(file))!["Contents"]!).Number);
    }

    /// <summary>
    /// Appends a classic update holding a byte-for-byte copy of object <paramref name="number"/> ("n g obj … endobj"),
    /// with one byte of its stream data inverted at the given fraction of the data when <paramref name="flipAt"/> is set.
    /// </summary>
    private static byte[] Redefine(byte[] pdf, int number, double? flipAt)
    {
        var file = PdfFile.Load(pdf);
        var start = (int)file.Xref[number].Offset;
        var end = start + pdf.AsSpan(start).IndexOf("endobj"u8) + "endobj".Length;
        var copy = pdf[start..end];
        if (flipAt is { } fraction)
        {
            var dataStart = copy.AsSpan().IndexOf("stream"u8) + "stream".Length;
            dataStart += copy[dataStart] == '\r' ? 2 : 1;
            var dataEnd = copy.AsSpan().LastIndexOf("endstream"u8);
            var at = dataStart + (int)((dataEnd - dataStart - 2) * fraction);
            copy[at] ^= 0xFF;
        }

        using var output = new MemoryStream();
        output.Write(pdf);
        var offset = output.Position;
        output.Write(copy);
        output.Write("\n"u8);
        var xref = output.Position;
        var size = file.Size;
        output.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"xref\n{number} 1\n{offset:D10} 00000 n\r\ntrailer\n<< /Size {size} /Root {file.CatalogReference.Number} 0 R /Prev {file.StartXref} >>\nstartxref\n{xref}\n%%EOF\n")));
        return output.ToArray();
    }
}
