using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.PaymentOrders;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class ScannedInvoiceCheckTests
{
    private static readonly InvoiceDetails Typed = new("ABC2026000000123", PayeeVkn, new DateOnly(2026, 11, 20));

    private static SupportingDocument Attachment(InvoiceDetails? invoice) => Order(ScannedInvoice(invoice)).Attachments[0];

    [Fact]
    public void An_invoice_matching_the_description_the_payee_and_the_date_has_no_difference()
    {
        var attachment = Attachment(Typed);

        var line = ScannedInvoiceCheck.Line(attachment, AttachmentsDescription.Line(Typed), PayeeVkn, Today, null);

        line.Kind.ShouldBe(ScannedInvoiceCheck.Kind);
        line.AttachmentId.ShouldBe(attachment.Id);
        line.Fields.ShouldAllBe(f => f.Matches);
        line.Differences.ShouldBeEmpty();
    }

    [Fact]
    public void Another_supplier_a_later_date_and_a_changed_description_line_are_differences()
    {
        var typed = Typed with { SupplierTaxId = OtherVkn, InvoiceDate = Today.AddDays(1) };

        var line = ScannedInvoiceCheck.Line(Attachment(typed), AttachmentsDescription.Line(Typed), PayeeVkn, Today, null);

        line.Differences.ShouldBe(
        [
            "Ek belgeler açıklamasındaki satır faturaya girilen bilgilerle aynı değil (R9).",
            "Faturayı düzenleyenin VKN/TCKN'si hak sahibininkiyle aynı değil.",
            "Fatura tarihi yok veya ÖEB tarihinden sonra.",
        ]);
        line.Fields.Single(f => f.Label == "VKN/TCKN").ShouldBe(new ComparedField("VKN/TCKN", PayeeVkn, OtherVkn, false));
        line.Fields.Single(f => f.Label == "Fatura tarihi").InvoiceValue.ShouldBe("02.12.2026");
    }

    [Fact]
    public void An_invoice_with_nothing_typed_matches_nothing()
    {
        var line = ScannedInvoiceCheck.Line(Attachment(null), null, PayeeVkn, Today, null);

        line.Fields.ShouldAllBe(f => !f.Matches);
        line.Differences.Count.ShouldBe(4);
        line.Differences.ShouldContain("Fatura numarası girilmemiş.");
    }

    [Fact]
    public void A_missing_payee_never_matches_a_missing_supplier()
    {
        var line = ScannedInvoiceCheck.Line(Attachment(Typed with { SupplierTaxId = null }), null, payeeTaxId: null, Today, null);

        line.Fields.Single(f => f.Label == "VKN/TCKN").Matches.ShouldBeFalse();
    }

    [Fact]
    public void The_ocr_line_is_carried_along()
    {
        var ocr = new InvoiceOcrLine(InvoiceOcrLine.Pending, null, [], null, null);

        ScannedInvoiceCheck.Line(Attachment(Typed), AttachmentsDescription.Line(Typed), PayeeVkn, Today, ocr).Ocr.ShouldBe(ocr);
    }
}
