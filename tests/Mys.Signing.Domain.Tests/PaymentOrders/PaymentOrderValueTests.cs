using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class PaymentOrderValueTests
{
    [Theory]
    [InlineData("630", true)]
    [InlineData("320.01", true)]
    [InlineData("150.01.02", true)]
    [InlineData("63", false)]
    [InlineData("6300", false)]
    [InlineData("630.", false)]
    [InlineData("630..1", false)]
    [InlineData("630.a", false)]
    [InlineData(".630", false)]
    [InlineData("", false)]
    public void Account_codes_are_three_digits_with_optional_sub_codes(string input, bool valid)
    {
        var result = AccountCode.Parse(input);

        result.IsSuccess.ShouldBe(valid);
        if (!valid)
        {
            result.Error!.Code.ShouldBe("ACCOUNT_CODE_FORMAT");
        }
    }

    [Fact]
    public void Main_account_is_the_first_three_digits()
    {
        AccountCode.From("150.01.02").MainAccount.ShouldBe("150");
    }

    [Fact]
    public void Accounting_lines_need_a_positive_amount()
    {
        AccountingLine.Create(AccountCode.From("630"), AccountSide.Debit, Money.Zero).Error!.Code.ShouldBe("ACCOUNT_LINE_AMOUNT");
        AccountingLine.Create(AccountCode.From("630"), AccountSide.Debit, Money.From(-1m)).IsSuccess.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2025/0042", true)]
    [InlineData("OEB-12.3", true)]
    [InlineData("", false)]
    [InlineData("2025 0042", false)]
    [InlineData("1234567890123456789012345678901", false)]
    public void Document_numbers_are_short_plain_codes(string input, bool valid)
    {
        DocumentNumber.Parse(input).IsSuccess.ShouldBe(valid);
    }

    [Fact]
    public void A_payee_needs_a_name_and_keeps_optional_fields_blank_as_null()
    {
        Payee.Create(" ", TaxId.From(ValidVkn), null, Iban.From(ValidIban), null).Error!.Code.ShouldBe("PAYEE_NAME");

        var payee = Payee.Create(" Ayşe Yılmaz ", TaxId.From(ValidTckn), " ", Iban.From(ValidIban), "Halkbank").Value;
        payee.Name.ShouldBe("Ayşe Yılmaz");
        payee.TaxOffice.ShouldBeNull();
        payee.TaxId.Kind.ShouldBe(TaxIdKind.Tckn);
    }

    [Theory]
    [InlineData("", 1, "CONTRACT_NO")]
    [InlineData("K-1", 0, "PROGRESS_NO")]
    public void Contract_references_need_a_number_and_a_progress_number_from_one(string number, int progress, string code)
    {
        ContractReference.Create(number, progress).Error!.Code.ShouldBe(code);
    }

    [Fact]
    public void Supporting_documents_normalise_the_hash_and_refuse_bad_ones()
    {
        var upper = ScannedInvoice() with { Sha256 = Sha.ToUpperInvariant() };
        SupportingDocument.Create(Guid.NewGuid(), upper).Value.Sha256.ShouldBe(Sha);

        SupportingDocument.Create(Guid.NewGuid(), ScannedInvoice() with { Sha256 = "abc" }).Error!.Code.ShouldBe("ATTACHMENT_HASH");
        SupportingDocument.Create(Guid.NewGuid(), ScannedInvoice() with { Sha256 = new string('g', 64) }).Error!.Code.ShouldBe("ATTACHMENT_HASH");
        SupportingDocument.Create(Guid.NewGuid(), ScannedInvoice() with { DocumentTypeCode = " " }).Error!.Code.ShouldBe("ATTACHMENT_TYPE");
        SupportingDocument.Create(Guid.NewGuid(), ScannedInvoice() with { SizeBytes = -1 }).Error!.Code.ShouldBe("ATTACHMENT_SIZE");
        SupportingDocument.Create(Guid.NewGuid(), ScannedInvoice() with { Source = (DocumentSource)99 }).Error!.Code.ShouldBe("ATTACHMENT_SOURCE");
    }

    [Fact]
    public void A_linked_document_has_no_file()
    {
        var linked = SupportingDocument.Create(Guid.NewGuid(), EInvoiceLink()).Value;

        linked.HasFile.ShouldBeFalse();
        linked.StructuredDocumentId.ShouldBe(Ettn);
    }
}
