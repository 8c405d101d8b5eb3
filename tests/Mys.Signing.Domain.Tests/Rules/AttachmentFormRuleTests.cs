using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

/// <summary>R2, R3, R6, R7 and R8: how each attachment is present.</summary>
public sealed class AttachmentFormRuleTests
{
    [Fact]
    public void R2_passes_for_files_with_a_hash_and_for_linked_documents()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), EInvoiceLink()).Build();

        Tamper.Run(new ElectronicTransferRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R2_flags_an_unstructured_document_without_its_file()
    {
        var paperOnly = ScannedInvoice() with { Sha256 = null, SizeBytes = 0 };
        var order = new PaymentOrderBuilder().WithAttachments(paperOnly).Build();

        var violation = Tamper.Run(new ElectronicTransferRule(), order).ShouldHaveSingleItem();
        violation.Code.ShouldBe(ElectronicTransferRule.FileMissing);
        violation.Path.ShouldBe("attachments[0].file");
    }

    [Theory]
    [InlineData(DocumentSource.ElectronicallyProduced)]
    [InlineData(DocumentSource.Integration)]
    [InlineData(DocumentSource.Scan)]
    public void R3_accepts_the_three_ways_in_for_unstructured_documents(DocumentSource source)
    {
        var order = new PaymentOrderBuilder().WithAttachments(SignedScan(DocumentTypeCodes.Contract) with { Source = source }).Build();

        Tamper.Run(new UnstructuredEntryRule(), order).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DocumentTypeCodes.Contract, DocumentSource.SystemProduced)]
    [InlineData(DocumentTypeCodes.Contract, DocumentSource.EFaturaLink)]
    [InlineData(DocumentTypeCodes.Invoice, DocumentSource.Integration)]
    public void R3_refuses_other_ways_in_and_ways_the_type_does_not_allow(string type, DocumentSource source)
    {
        var order = new PaymentOrderBuilder().WithAttachments(SignedScan(type) with { Source = source }).Build();

        Tamper.Run(new UnstructuredEntryRule(), order).ShouldHaveSingleItem().Code.ShouldBe(UnstructuredEntryRule.SourceNotAllowed);
    }

    [Fact]
    public void R6_passes_for_linked_structured_documents()
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), SystemProduced(DocumentTypeCodes.SpendingInstruction)).Build();

        Tamper.Run(new StructuredLinkRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R6_flags_a_structured_document_without_its_link_or_with_an_uploaded_file()
    {
        var order = new PaymentOrderBuilder().WithAttachments(
            SystemProduced(DocumentTypeCodes.SpendingInstruction) with { StructuredDocumentId = null },
            EInvoiceLink() with { Sha256 = Sha, FileName = "x.pdf", SizeBytes = 10 }).Build();

        var violations = Tamper.Run(new StructuredLinkRule(), order);

        violations.Select(v => (v.Code, v.Path)).ShouldBe(
            [(StructuredLinkRule.NotLinked, "attachments[0].structuredDocumentId"), (StructuredLinkRule.FileUploaded, "attachments[1].file")]);
    }

    [Fact]
    public void R7_passes_for_signed_documents_and_for_types_that_need_no_signature()
    {
        var order = new PaymentOrderBuilder().WithAttachments(
            SignedScan(DocumentTypeCodes.AcceptanceReport), SignedScan(DocumentTypeCodes.BankReceipt, isSigned: false), ScannedInvoice()).Build();

        Tamper.Run(new SignedBeforeAttachingRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R7_flags_a_document_that_must_be_signed_but_is_not()
    {
        var order = new PaymentOrderBuilder().WithAttachments(SignedScan(DocumentTypeCodes.AcceptanceReport, isSigned: false)).Build();

        var violation = Tamper.Run(new SignedBeforeAttachingRule(), order).ShouldHaveSingleItem();
        violation.Code.ShouldBe(SignedBeforeAttachingRule.NotSigned);
        violation.Path.ShouldBe("attachments[0].carriesSignatures");
    }

    [Fact]
    public void R7_does_not_ask_structured_documents_for_their_own_signature()
    {
        var order = new PaymentOrderBuilder().WithAttachments(SystemProduced(DocumentTypeCodes.SpendingInstruction)).Build();

        Tamper.Run(new SignedBeforeAttachingRule(), order).ShouldBeEmpty();
    }

    [Fact]
    public void R8_passes_for_a_scanned_e_arsiv_or_paper_invoice_and_a_linked_e_fatura()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), EInvoiceLink()).Build();

        Tamper.Run(new InvoiceFormRule(), order).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DocumentSource.ElectronicallyProduced)]
    [InlineData(DocumentSource.EFaturaLink)]
    public void R8_wants_e_arsiv_and_paper_invoices_scanned(DocumentSource source)
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice() with { Source = source }).Build();

        Tamper.Run(new InvoiceFormRule(), order).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFormRule.InvoiceNotScanned);
    }

    [Theory]
    [InlineData("GIB2009000000001")]
    [InlineData("e093a490dd9911ddad8b0800200c9a66")]
    public void R8_wants_the_e_fatura_linked_by_an_ettn_in_guid_form(string id)
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(id)).Build();

        Tamper.Run(new InvoiceFormRule(), order).ShouldHaveSingleItem().Code.ShouldBe(InvoiceFormRule.EttnInvalid);
    }
}
