using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class AttachmentsDescriptionTests
{
    [Fact]
    public void One_line_per_invoice_in_the_documented_format()
    {
        var order = new PaymentOrderBuilder().WithAttachments(
            ScannedInvoice("ABC2025000000001", ValidVkn, new DateOnly(2025, 3, 5)),
            EInvoiceLink(),
            ScannedInvoice("K-77", ValidTckn, new DateOnly(2025, 12, 31))).Build();

        order.AttachmentsDescription.ShouldBe(
            "Fatura No: ABC2025000000001; VKN: 4540536920; Fatura Tarihi: 05.03.2025\n" +
            "Fatura No: K-77; TCKN: 10000000146; Fatura Tarihi: 31.12.2025");
    }

    [Fact]
    public void Missing_values_are_written_as_dashes()
    {
        AttachmentsDescription.Line(new InvoiceDetails(null, " ", null)).ShouldBe("Fatura No: -; VKN/TCKN: -; Fatura Tarihi: -");
    }

    [Fact]
    public void Without_scanned_invoices_the_description_is_empty()
    {
        new PaymentOrderBuilder().Build().AttachmentsDescription.ShouldBeEmpty();
    }

    [Fact]
    public void Changing_invoice_fields_regenerates_the_description()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice()).Build();

        order.ChangeInvoiceDetails(order.Attachments[0].Id, new InvoiceDetails("XYZ1", ValidTckn, new DateOnly(2025, 1, 2)));

        order.AttachmentsDescription.ShouldBe("Fatura No: XYZ1; TCKN: 10000000146; Fatura Tarihi: 02.01.2025");
        order.Attachments[0].Invoice!.InvoiceNumber.ShouldBe("XYZ1");
    }

    [Fact]
    public void Removing_an_invoice_regenerates_the_description()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice()).Build();

        order.RemoveAttachment(order.Attachments[0].Id);

        order.AttachmentsDescription.ShouldBeEmpty();
        order.Attachments.ShouldBeEmpty();
    }

    [Fact]
    public void Changing_an_unknown_attachment_throws()
    {
        var order = new PaymentOrderBuilder().Build();

        Should.Throw<Common.DomainException>(() => order.ChangeInvoiceDetails(Guid.NewGuid(), InvoiceDetails.Empty)).Code.ShouldBe("PO_ATTACHMENT_NOT_FOUND");
    }

    [Fact]
    public void Invoice_fields_of_an_e_fatura_link_cannot_be_changed_and_the_description_stays()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), EInvoiceLink()).Build();
        var before = order.AttachmentsDescription;

        Should.Throw<Common.DomainException>(() => order.ChangeInvoiceDetails(order.Attachments[1].Id, new InvoiceDetails("X", ValidTckn, null)))
            .Code.ShouldBe("PO_ATTACHMENT_NOT_INVOICE");
        order.AttachmentsDescription.ShouldBe(before);
    }
}

public sealed class AttachmentsDescriptionMatchTests
{
    [Fact]
    public void Matches_accepts_exactly_the_generated_text()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), EInvoiceLink(), ScannedInvoice("X-2", ValidTckn)).Build();

        AttachmentsDescription.Matches(order.AttachmentsDescription, order.Attachments).ShouldBeTrue();
        AttachmentsDescription.Matches(order.AttachmentsDescription + "\n", order.Attachments).ShouldBeFalse();
        AttachmentsDescription.Matches(order.AttachmentsDescription.Replace("X-2", "X-3", StringComparison.Ordinal), order.Attachments).ShouldBeFalse();
        AttachmentsDescription.Matches(null, new PaymentOrderBuilder().Build().Attachments).ShouldBeTrue();
    }
}
