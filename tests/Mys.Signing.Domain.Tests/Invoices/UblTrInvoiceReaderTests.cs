using System.Text;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Tests.Invoices;

public sealed class UblTrInvoiceReaderTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoices", "Fixtures", "temelfatura.xml"));

    private static Result<EInvoice> Read(string xml, int maxBytes = 20 * 1024 * 1024) =>
        new UblTrInvoiceReader(maxBytes).Read(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void The_synthetic_temelfatura_is_read()
    {
        var invoice = Read(Valid).Value;

        invoice.Ettn.ShouldBe(Guid.Parse("e093a490-dd99-11dd-ad8b-0800200c9a66"));
        invoice.InvoiceNumber.ShouldBe("ABC2025000000123");
        invoice.IssueDate.ShouldBe(new DateOnly(2025, 6, 5));
        invoice.Supplier.ShouldBe(TaxId.From("4540536920"));
        invoice.PayableAmount.ShouldBe(1180.00m);
        invoice.Currency.ShouldBe("TRY");
        invoice.PayableInTry!.Value.Amount.ShouldBe(1180.00m);
        invoice.ProfileId.ShouldBe("TEMELFATURA");
        invoice.InvoiceTypeCode.ShouldBe("SATIS");
    }

    [Fact]
    public void A_stream_is_read_the_same_way()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Valid));

        new UblTrInvoiceReader().Read(stream).Value.InvoiceNumber.ShouldBe("ABC2025000000123");
    }

    [Fact]
    public void A_person_supplier_is_read_as_a_tckn()
    {
        var xml = Valid.Replace("<cbc:ID schemeID=\"VKN\">4540536920</cbc:ID>", "<cbc:ID schemeID=\"TCKN\">10000000146</cbc:ID>", StringComparison.Ordinal);

        Read(xml).Value.Supplier.Kind.ShouldBe(TaxIdKind.Tckn);
    }

    [Fact]
    public void An_external_entity_is_refused_without_being_resolved()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>
            """;

        Read(xxe).Error!.Code.ShouldBe("EINVOICE_DTD");
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_quickly()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append("<!ENTITY lol").Append(i).Append(" \"");
            for (var j = 0; j < 10; j++)
            {
                dtd.Append("&lol").Append(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }

            dtd.Append("\">");
        }

        dtd.Append("]><lolz>&lol9;</lolz>");
        Read(dtd.ToString()).Error!.Code.ShouldBe("EINVOICE_DTD");
    }

    [Theory]
    [InlineData("<Invoice><unclosed></Invoice>")]
    [InlineData("not xml at all")]
    [InlineData("<?xml version=\"1.0\"?>")]
    public void Malformed_xml_is_refused(string xml)
    {
        var error = Read(xml).Error!;

        error.Code.ShouldBe("EINVOICE_XML");
        error.Message.ShouldContain("XML");
    }

    [Fact]
    public void Empty_and_oversized_input_is_refused()
    {
        Read(string.Empty).Error!.Code.ShouldBe("EINVOICE_EMPTY");
        Read(Valid, maxBytes: 1000).Error!.Code.ShouldBe("EINVOICE_TOO_LARGE");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Valid));
        new UblTrInvoiceReader(1000).Read(stream).Error!.Code.ShouldBe("EINVOICE_TOO_LARGE");
    }

    [Fact]
    public void A_document_that_is_not_a_ubl_invoice_is_refused()
    {
        Read("<Invoice><cbc:ID xmlns:cbc=\"x\">1</cbc:ID></Invoice>").Error!.Code.ShouldBe("EINVOICE_NOT_INVOICE");
        Read(Valid.Replace("schema:xsd:Invoice-2", "schema:xsd:CreditNote-2", StringComparison.Ordinal)).Error!.Code.ShouldBe("EINVOICE_NOT_INVOICE");
    }

    [Theory]
    [InlineData("<cbc:UUID>e093a490-dd99-11dd-ad8b-0800200c9a66</cbc:UUID>", "cbc:UUID")]
    [InlineData("<cbc:ID>ABC2025000000123</cbc:ID>", "cbc:ID")]
    [InlineData("<cbc:IssueDate>2025-06-05</cbc:IssueDate>", "cbc:IssueDate")]
    [InlineData("<cbc:ID schemeID=\"VKN\">4540536920</cbc:ID>", "PartyIdentification")]
    [InlineData("<cbc:PayableAmount currencyID=\"TRY\">1180.00</cbc:PayableAmount>", "PayableAmount")]
    public void A_missing_field_is_named_in_the_message(string element, string named)
    {
        var error = Read(Valid.Replace(element, string.Empty, StringComparison.Ordinal)).Error!;

        error.Code.ShouldBe("EINVOICE_FIELD_MISSING");
        error.Message.ShouldContain(named);
    }

    [Theory]
    [InlineData("e093a490-dd99-11dd-ad8b-0800200c9a66</cbc:UUID>", "GIB2009000000001</cbc:UUID>", "EINVOICE_ETTN_INVALID")]
    [InlineData("2025-06-05</cbc:IssueDate>", "05.06.2025</cbc:IssueDate>", "EINVOICE_DATE_INVALID")]
    [InlineData("<cbc:ID>ABC2025000000123</cbc:ID>", "<cbc:ID>ABC202500000012</cbc:ID>", "EINVOICE_NUMBER_INVALID")]
    [InlineData("<cbc:ID>ABC2025000000123</cbc:ID>", "<cbc:ID>AB-2025000000123</cbc:ID>", "EINVOICE_NUMBER_INVALID")]
    [InlineData("<cbc:ID>ABC2025000000123</cbc:ID>", "<cbc:ID>ABC20250000001X3</cbc:ID>", "EINVOICE_NUMBER_INVALID")]
    [InlineData("\"VKN\">4540536920<", "\"VKN\">4540536921<", "EINVOICE_SUPPLIER_INVALID")]
    [InlineData("\"VKN\">4540536920<", "\"TCKN\">4540536920<", "EINVOICE_SUPPLIER_INVALID")]
    [InlineData("\"TRY\">1180.00</cbc:PayableAmount>", "\"TRY\">1.180,00</cbc:PayableAmount>", "EINVOICE_AMOUNT_INVALID")]
    public void Invalid_field_values_are_refused(string from, string to, string code)
    {
        Read(Valid.Replace(from, to, StringComparison.Ordinal)).Error!.Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("2025-06-05")]
    [InlineData("2025-06-05Z")]
    [InlineData("2025-06-05+03:00")]
    [InlineData("2025-06-05-05:00")]
    [InlineData("2025-06-05+14:00")]
    [InlineData("2025-06-05-00:00")]
    public void Every_lexical_form_of_xs_date_is_read_as_the_date_the_issuer_wrote(string written)
    {
        var xml = Valid.Replace("<cbc:IssueDate>2025-06-05</cbc:IssueDate>", $"<cbc:IssueDate>{written}</cbc:IssueDate>", StringComparison.Ordinal);

        Read(xml).Value.IssueDate.ShouldBe(new DateOnly(2025, 6, 5));
    }

    [Theory]
    [InlineData("2025-06-05+3:00")]
    [InlineData("2025-06-05+15:00")]
    [InlineData("2025-06-05+14:30")]
    [InlineData("2025-06-05+03:60")]
    [InlineData("2025-06-05 +03:00")]
    [InlineData("2025-06-05T10:00:00")]
    [InlineData("2025-02-30")]
    [InlineData("25-06-05")]
    public void A_date_that_is_no_xs_date_is_refused_saying_what_was_found_and_what_is_expected(string written)
    {
        var xml = Valid.Replace("<cbc:IssueDate>2025-06-05</cbc:IssueDate>", $"<cbc:IssueDate>{written}</cbc:IssueDate>", StringComparison.Ordinal);

        var error = Read(xml).Error!;

        error.Code.ShouldBe("EINVOICE_DATE_INVALID");
        error.Message.ShouldContain($"«{written.Trim()}»");
        error.Message.ShouldContain("2024-03-18+03:00");
    }

    [Theory]
    [InlineData("TR1.2", "TEMELFATURA", "SATIS")]
    [InlineData("TR1.2.1", "TICARIFATURA", "TEVKIFAT")]
    [InlineData("TR1.2.1", "EARSIVFATURA", "IADE")]
    [InlineData("TR1.2", "IHRACAT", "ISTISNA")]
    [InlineData("TR1.2.1", "KAMU", "OZELMATRAH")]
    [InlineData("TR1.2.1", "YOLCUBERABERFATURA", "IHRACKAYITLI")]
    public void Every_profile_type_and_customisation_is_read(string customization, string profile, string type)
    {
        var xml = Valid.Replace("<cbc:CustomizationID>TR1.2</cbc:CustomizationID>", $"<cbc:CustomizationID>{customization}</cbc:CustomizationID>", StringComparison.Ordinal)
            .Replace("<cbc:ProfileID>TEMELFATURA</cbc:ProfileID>", $"<cbc:ProfileID>{profile}</cbc:ProfileID>", StringComparison.Ordinal)
            .Replace("<cbc:InvoiceTypeCode>SATIS</cbc:InvoiceTypeCode>", $"<cbc:InvoiceTypeCode>{type}</cbc:InvoiceTypeCode>", StringComparison.Ordinal);

        var invoice = Read(xml).Value;

        invoice.ProfileId.ShouldBe(profile);
        invoice.InvoiceTypeCode.ShouldBe(type);
    }

    [Theory]
    [InlineData("e093a490-dd99-11dd-ad8b-0800200c9a66</cbc:UUID>", "GIB2009000000001</cbc:UUID>", "«GIB2009000000001»")]
    [InlineData("<cbc:ID>ABC2025000000123</cbc:ID>", "<cbc:ID>ABC202500000012</cbc:ID>", "«ABC202500000012»")]
    [InlineData("\"VKN\">4540536920<", "\"VKN\">4540536921<", "«4540536921»")]
    [InlineData("\"VKN\">4540536920<", "\"TCKN\">4540536920<", "bir VKN, ama schemeID «TCKN» diyor")]
    [InlineData("\"TRY\">1180.00</cbc:PayableAmount>", "\"TRY\">1.180,00</cbc:PayableAmount>", "«1.180,00»")]
    public void A_refusal_quotes_the_value_it_refused(string from, string to, string quoted)
    {
        Read(Valid.Replace(from, to, StringComparison.Ordinal)).Error!.Message.ShouldContain(quoted);
    }

    [Fact]
    public void Malformed_xml_is_refused_with_the_line_and_column()
    {
        Read("<Invoice>\n<unclosed></Invoice>").Error!.Message.ShouldContain("satır 2");
    }

    [Fact]
    public void The_currency_falls_back_to_the_document_currency()
    {
        var xml = Valid.Replace("<cbc:PayableAmount currencyID=\"TRY\">", "<cbc:PayableAmount>", StringComparison.Ordinal);

        Read(xml).Value.Currency.ShouldBe("TRY");
    }
}
