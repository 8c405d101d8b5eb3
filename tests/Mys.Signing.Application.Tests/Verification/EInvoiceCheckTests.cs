using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class EInvoiceCheckTests
{
    private static readonly Guid Ettn = Guid.Parse("e093a490-dd99-11dd-ad8b-0800200c9a66");

    private static EInvoice Invoice(string supplier = PayeeVkn, decimal payable = 1180.00m, DateOnly? issued = null) =>
        new(Ettn, "ABC2026000000123", issued ?? Today.AddDays(-3), TaxId.From(supplier), payable, "TRY", "TEMELFATURA", "SATIS");

    private static (PaymentOrder Order, SupportingDocument Attachment) Linked(EInvoiceSignatureVerdict? verdict)
    {
        var order = Order(EInvoiceLink(Ettn, verdict));
        return (order, order.Attachments[0]);
    }

    [Fact]
    public void An_e_fatura_matching_the_oeb_with_a_verified_signature_has_no_difference()
    {
        var (order, attachment) = Linked(Verdict(EInvoiceVerdictStatus.Verified));

        var line = EInvoiceCheck.Line(attachment, Ettn.ToString("D"), Invoice(), order);

        line.Fields.ShouldAllBe(f => f.Matches);
        line.Differences.ShouldBeEmpty();
        line.MediaType.ShouldBe("application/xml");
        line.Signature!.Status.ShouldBe(EInvoiceVerdictStatus.Verified);
        EInvoiceCheck.Problem(Ettn.ToString("D"), attachment.EInvoiceSignature).ShouldBeNull();
    }

    [Fact]
    public void Another_supplier_amount_or_a_later_date_are_differences()
    {
        var (order, attachment) = Linked(Verdict(EInvoiceVerdictStatus.Verified));

        var line = EInvoiceCheck.Line(attachment, Ettn.ToString("D"), Invoice(OtherVkn, 1000.00m, Today.AddDays(1)), order);

        line.Fields.Where(f => !f.Matches).Select(f => f.Label).ShouldBe(["VKN/TCKN", "Ödenecek tutar (brüt − KDV tevkifatı)", "Fatura tarihi"]);
        line.Differences.Count.ShouldBe(3);
    }

    [Fact]
    public void An_altered_e_fatura_is_a_problem_of_the_report()
    {
        var (_, attachment) = Linked(Verdict(EInvoiceVerdictStatus.Altered));

        EInvoiceCheck.Problem(Ettn.ToString("D"), attachment.EInvoiceSignature)
            .ShouldBe($"e-Fatura imzası (ETTN {Ettn:D}): Belge imzalandıktan sonra değiştirilmiş.");
    }

    [Theory]
    [InlineData(EInvoiceVerdictStatus.NotSigned)]
    [InlineData(EInvoiceVerdictStatus.SignatureInvalid)]
    [InlineData(EInvoiceVerdictStatus.CouldNotCheck)]
    public void An_unsigned_invalid_or_unchecked_signature_is_shown_never_as_success_and_left_to_the_unit(EInvoiceVerdictStatus status)
    {
        var (order, attachment) = Linked(Verdict(status));

        var row = EInvoiceCheck.Line(attachment, Ettn.ToString("D"), Invoice(), order).Fields.Single(f => f.Label == EInvoiceCheck.SignatureRowLabel);

        row.Matches.ShouldBeFalse();
        row.InvoiceValue!.ShouldStartWith(EInvoiceSignatureVerdict.Label(status));
        EInvoiceCheck.Problem(Ettn.ToString("D"), attachment.EInvoiceSignature).ShouldBeNull();
    }

    [Fact]
    public void A_link_without_a_stored_verdict_is_shown_as_not_checked()
    {
        EInvoiceCheck.SignatureRow(null).ShouldBe(new ComparedField(EInvoiceCheck.SignatureRowLabel, null, "Denetlenmedi (imza kararı saklanmadan önce bağlanmış)", false));
    }

    [Fact]
    public void Without_its_xml_the_e_fatura_is_not_compared_and_the_line_says_why()
    {
        var (_, attachment) = Linked(null);

        var line = EInvoiceCheck.NotComparable(attachment, Ettn.ToString("D"));

        line.Note.ShouldBe("e-Fatura ETTN ile bağlı; XML'i sistemde olmadığından alan alan karşılaştırılamadı.");
        line.Fields.ShouldHaveSingleItem().Matches.ShouldBeFalse();
        line.Differences.ShouldBeEmpty();
    }
}
