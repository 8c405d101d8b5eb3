using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Rules;

public sealed class StructuredFormatRuleTests
{
    private static readonly StructuredFormatRule Rule = new();

    [Fact]
    public void Linked_e_fatura_and_system_produced_htob_and_vif_pass()
    {
        var order = new PaymentOrderBuilder().WithAttachments(
            EInvoiceLink(), SystemProduced(DocumentTypeCodes.SpendingInstruction), SystemProduced(DocumentTypeCodes.AssetVoucher, "VIF-1")).Build();

        Tamper.Run(Rule, order).ShouldBeEmpty();
    }

    [Fact]
    public void A_scanned_e_fatura_is_refused()
    {
        var scannedEInvoice = ScannedInvoice() with { DocumentTypeCode = DocumentTypeCodes.EInvoice };
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink(), scannedEInvoice).Build();

        var violation = Tamper.Run(Rule, order).ShouldHaveSingleItem();

        violation.Code.ShouldBe(StructuredFormatRule.UnstructuredForm);
        violation.Path.ShouldBe("attachments[1].source");
        violation.Message.ShouldContain("e-Fatura");
    }

    [Theory]
    [InlineData(DocumentSource.ElectronicallyProduced)]
    [InlineData(DocumentSource.Scan)]
    [InlineData(DocumentSource.Integration)]
    public void An_uploaded_file_cannot_stand_in_for_an_htob(DocumentSource source)
    {
        var pdf = SignedScan(DocumentTypeCodes.SpendingInstruction) with { Source = source };
        var order = new PaymentOrderBuilder().WithAttachments(pdf).Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(StructuredFormatRule.UnstructuredForm);
    }

    [Fact]
    public void An_htob_or_vif_linked_as_if_it_were_an_e_fatura_is_refused()
    {
        var order = new PaymentOrderBuilder().WithAttachments(
            SystemProduced(DocumentTypeCodes.AssetVoucher) with { Source = DocumentSource.EFaturaLink }).Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(StructuredFormatRule.WrongSource);
    }

    [Fact]
    public void An_e_fatura_claimed_as_system_produced_is_refused()
    {
        var order = new PaymentOrderBuilder().WithAttachments(EInvoiceLink() with { Source = DocumentSource.SystemProduced }).Build();

        Tamper.Run(Rule, order).ShouldHaveSingleItem().Code.ShouldBe(StructuredFormatRule.WrongSource);
    }

    [Fact]
    public void Unstructured_documents_are_not_its_concern()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), SignedScan(DocumentTypeCodes.Contract)).Build();

        Tamper.Run(Rule, order).ShouldBeEmpty();
    }
}
