using System.Globalization;

namespace Mys.Signing.TestSupport.Invoices;

/// <summary>
/// A synthetic UBL-TR e-Fatura the tests generate (no real invoice is stored in the repository): any profile, type,
/// customisation, currency and lexical form of the issue date, optionally with a carriage return written as
/// <c>&amp;#13;</c> inside signed text (an address), as real issuers do. <see cref="Xml"/> leaves the signature slot in
/// ext:ExtensionContent empty; <see cref="XadesTestSigner"/> fills it.
/// </summary>
public sealed record UblTrTestInvoice
{
    public const string SignatureSlot = "<!--SIGNATURE-->";

    public Guid Ettn { get; init; } = Guid.NewGuid();

    public string Number { get; init; } = "ABC2025000000123";

    public string CustomizationId { get; init; } = "TR1.2";

    public string ProfileId { get; init; } = "TEMELFATURA";

    public string TypeCode { get; init; } = "SATIS";

    /// <summary>The cbc:IssueDate text as written: "2025-06-05", "2025-06-05+03:00", "2025-06-05Z".</summary>
    public string IssueDate { get; init; } = "2025-06-05";

    public string Currency { get; init; } = "TRY";

    public string SupplierScheme { get; init; } = "VKN";

    public string SupplierId { get; init; } = "4540536920";

    public string SupplierName { get; init; } = "Işık Kırtasiye A.Ş.";

    /// <summary>Writes the supplier's street as two lines joined by <c>&amp;#13;&amp;#10;</c>.</summary>
    public bool CarriageReturnInAddress { get; init; }

    public decimal LineAmount { get; init; } = 1000.00m;

    public decimal VatRate { get; init; } = 20m;

    /// <summary>The file with the signature slot empty (an unsigned invoice).</summary>
    public string Xml => Template().Replace(SignatureSlot, string.Empty, StringComparison.Ordinal);

    public decimal Vat => TypeCode == "ISTISNA" ? 0m : Math.Round(LineAmount * VatRate / 100m, 2);

    /// <summary>KDV tevkifatı 5/10 for a TEVKIFAT invoice.</summary>
    public decimal Withheld => TypeCode == "TEVKIFAT" ? Math.Round(Vat * 0.5m, 2) : 0m;

    public decimal Payable => LineAmount + Vat - Withheld;

    /// <summary>The text with <see cref="SignatureSlot"/> where the ds:Signature goes.</summary>
    public string Template()
    {
        static string A(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var street = CarriageReturnInAddress ? "Atatürk Bulvarı No: 12&#13;&#10;Kat 3 Daire 5" : "Atatürk Bulvarı No: 12";
        var exemption = TypeCode == "ISTISNA"
            ? "<cbc:TaxExemptionReasonCode>351</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>KDV - İstisna Olmayan Diğer</cbc:TaxExemptionReason>"
            : string.Empty;
        var withholding = TypeCode == "TEVKIFAT"
            ? $"""<cac:WithholdingTaxTotal><cbc:TaxAmount currencyID="{Currency}">{A(Withheld)}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="{Currency}">{A(Vat)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="{Currency}">{A(Withheld)}</cbc:TaxAmount><cbc:Percent>50</cbc:Percent><cac:TaxCategory><cac:TaxScheme><cbc:Name>KDV TEVKIFAT</cbc:Name><cbc:TaxTypeCode>9015</cbc:TaxTypeCode></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:WithholdingTaxTotal>"""
            : string.Empty;
        var billingReference = TypeCode == "IADE"
            ? "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>ABC2025000000100</cbc:ID><cbc:IssueDate>2025-05-01</cbc:IssueDate><cbc:DocumentTypeCode>IADE</cbc:DocumentTypeCode></cac:InvoiceDocumentReference></cac:BillingReference>"
            : string.Empty;
        var exchange = Currency == "TRY" ? string.Empty
            : $"""<cac:PricingExchangeRate><cbc:SourceCurrencyCode>{Currency}</cbc:SourceCurrencyCode><cbc:TargetCurrencyCode>TRY</cbc:TargetCurrencyCode><cbc:CalculationRate>35.1234</cbc:CalculationRate></cac:PricingExchangeRate>""";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <ext:UBLExtensions>
                <ext:UBLExtension>
                  <ext:ExtensionContent>{SignatureSlot}</ext:ExtensionContent>
                </ext:UBLExtension>
              </ext:UBLExtensions>
              <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
              <cbc:CustomizationID>{CustomizationId}</cbc:CustomizationID>
              <cbc:ProfileID>{ProfileId}</cbc:ProfileID>
              <cbc:ID>{Number}</cbc:ID>
              <cbc:CopyIndicator>false</cbc:CopyIndicator>
              <cbc:UUID>{Ettn:D}</cbc:UUID>
              <cbc:IssueDate>{IssueDate}</cbc:IssueDate>
              <cbc:IssueTime>14:30:00</cbc:IssueTime>
              <cbc:InvoiceTypeCode>{TypeCode}</cbc:InvoiceTypeCode>
              <cbc:Note>Yalnız #{A(Payable)}# {Currency}</cbc:Note>
              <cbc:DocumentCurrencyCode>{Currency}</cbc:DocumentCurrencyCode>
              <cbc:LineCountNumeric>1</cbc:LineCountNumeric>
              {billingReference}
              <cac:Signature>
                <cbc:ID schemeID="VKN_TCKN">{SupplierId}</cbc:ID>
                <cac:SignatoryParty><cac:PartyIdentification><cbc:ID schemeID="{SupplierScheme}">{SupplierId}</cbc:ID></cac:PartyIdentification></cac:SignatoryParty>
                <cac:DigitalSignatureAttachment><cac:ExternalReference><cbc:URI>#Signature_{Number}</cbc:URI></cac:ExternalReference></cac:DigitalSignatureAttachment>
              </cac:Signature>
              <cac:AccountingSupplierParty>
                <cac:Party>
                  <cac:PartyIdentification><cbc:ID schemeID="{SupplierScheme}">{SupplierId}</cbc:ID></cac:PartyIdentification>
                  <cac:PartyIdentification><cbc:ID schemeID="MERSISNO">0454053692000015</cbc:ID></cac:PartyIdentification>
                  <cac:PartyName><cbc:Name>{SupplierName}</cbc:Name></cac:PartyName>
                  <cac:PostalAddress><cbc:StreetName>{street}</cbc:StreetName><cbc:CitySubdivisionName>Çankaya</cbc:CitySubdivisionName><cbc:CityName>Ankara</cbc:CityName><cac:Country><cbc:Name>Türkiye</cbc:Name></cac:Country></cac:PostalAddress>
                  <cac:PartyTaxScheme><cac:TaxScheme><cbc:Name>Çankaya</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme>
                </cac:Party>
              </cac:AccountingSupplierParty>
              <cac:AccountingCustomerParty>
                <cac:Party>
                  <cac:PartyIdentification><cbc:ID schemeID="VKN">7295274328</cbc:ID></cac:PartyIdentification>
                  <cac:PartyName><cbc:Name>Örnek Üniversitesi Strateji Daire Başkanlığı</cbc:Name></cac:PartyName>
                  <cac:PostalAddress><cbc:CitySubdivisionName>Yenimahalle</cbc:CitySubdivisionName><cbc:CityName>Ankara</cbc:CityName><cac:Country><cbc:Name>Türkiye</cbc:Name></cac:Country></cac:PostalAddress>
                </cac:Party>
              </cac:AccountingCustomerParty>
              {exchange}
              <cac:TaxTotal>
                <cbc:TaxAmount currencyID="{Currency}">{A(Vat)}</cbc:TaxAmount>
                <cac:TaxSubtotal><cbc:TaxableAmount currencyID="{Currency}">{A(LineAmount)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="{Currency}">{A(Vat)}</cbc:TaxAmount><cbc:Percent>{(TypeCode == "ISTISNA" ? 0 : VatRate).ToString(CultureInfo.InvariantCulture)}</cbc:Percent><cac:TaxCategory>{exemption}<cac:TaxScheme><cbc:Name>KDV</cbc:Name><cbc:TaxTypeCode>0015</cbc:TaxTypeCode></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
              </cac:TaxTotal>
              {withholding}
              <cac:LegalMonetaryTotal>
                <cbc:LineExtensionAmount currencyID="{Currency}">{A(LineAmount)}</cbc:LineExtensionAmount>
                <cbc:TaxExclusiveAmount currencyID="{Currency}">{A(LineAmount)}</cbc:TaxExclusiveAmount>
                <cbc:TaxInclusiveAmount currencyID="{Currency}">{A(LineAmount + Vat)}</cbc:TaxInclusiveAmount>
                <cbc:AllowanceTotalAmount currencyID="{Currency}">0.00</cbc:AllowanceTotalAmount>
                <cbc:PayableAmount currencyID="{Currency}">{A(Payable)}</cbc:PayableAmount>
              </cac:LegalMonetaryTotal>
              <cac:InvoiceLine>
                <cbc:ID>1</cbc:ID>
                <cbc:InvoicedQuantity unitCode="C62">10</cbc:InvoicedQuantity>
                <cbc:LineExtensionAmount currencyID="{Currency}">{A(LineAmount)}</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>A4 fotokopi kâğıdı (koli)</cbc:Name></cac:Item>
                <cac:Price><cbc:PriceAmount currencyID="{Currency}">{A(LineAmount / 10)}</cbc:PriceAmount></cac:Price>
              </cac:InvoiceLine>
            </Invoice>
            """;
    }
}
