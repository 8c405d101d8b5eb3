using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Tests.Infrastructure;

namespace Mys.Signing.Signatures.Tests.Rendering;

[Collection(PkiCollection.Name)]
public sealed class StructuredDocumentRendererTests(PkiFixture fx)
{
    internal static StructuredDocumentPrintModel Voucher() => new()
    {
        Title = "VARLIK İŞLEM FİŞİ",
        DocumentNumber = "VIF-2026-7",
        DocumentDate = new DateOnly(2026, 11, 20),
        SpendingUnitName = "Sağlık Kültür ve Spor Daire Başkanlığı",
        Fields = [new("İşlem Çeşidi:", "Satın Alma"), new("Dayanak Belge:", "Fatura 19.11.2026 / ABC2026000000123")],
        TrailingFields = [PrintField.Heading("Toplamlar"), new("Genel Toplam:", "300,00 TL")],
        TableHeading = "Kalemler",
        TableWidths = [2, 4, 1, 1, 1.5, 1, 1.5],
        TableRows = [["Kod", "Adı", "Birim", "Miktar", "Birim Fiyat", "KDV %", "Toplam"], ["255.02.03", "A4 fotokopi kâğıdı (ığüşöç)", "Paket", "2,5", "100,00", "20", "300,00"]],
        TableRightAlignedFrom = 3,
        CanonicalSha256 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
        GeneratedAt = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Rendering_is_deterministic_embeds_the_fonts_and_passes_qpdf_check()
    {
        var a = StructuredDocumentRenderer.Render(Voucher());
        StructuredDocumentRenderer.Render(Voucher()).SequenceEqual(a).ShouldBeTrue("same model must give the same bytes");
        StructuredDocumentRenderer.Render(Voucher() with { DocumentNumber = "VIF-2026-8" }).SequenceEqual(a).ShouldBeFalse();

        var path = fx.TempFile("vif.pdf", a);
        var (code, output) = Tools.Run("qpdf", "--check", path);
        code.ShouldBe(0, output);
        Tools.Run("pdffonts", path).Output.ShouldContain("DejaVu");
        Tools.Run("pdfinfo", path).Output.ShouldContain("(A4)");
        var text = Tools.Run("pdftotext", path, "-").Output;
        text.ShouldContain("VARLIK İŞLEM FİŞİ");
        text.ShouldContain("A4 fotokopi kâğıdı (ığüşöç)");
        text.ShouldContain("Genel Toplam:");
        text.ShouldContain("60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752");
    }
}
