using System.Globalization;
using System.Text;
using System.Text.Json;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;

namespace Mys.Signing.Application.Seeding;

/// <summary>
/// The e-Fatura XML behind a demo (or test) ÖEB's e-Fatura link, stored as an upload would store it: the XML in the
/// attachment store and the upload event with its hash, so the signed attachments table binds it. The invoice agrees
/// with the ÖEB (supplier = payee, payable = gross less KDV tevkifatı, dated the ÖEB's date). Unsigned (no XAdES).
/// </summary>
public static class DemoEInvoices
{
    public static async Task StoreAsync(MysDbContext db, IAttachmentStore store, PaymentOrder order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(order);
        var recorded = false;
        foreach (var link in order.Attachments.Where(a => a.Source == DocumentSource.EFaturaLink && a.DocumentTypeCode == DocumentTypeCodes.EInvoice))
        {
            var ettn = link.StructuredDocumentId!;
            var xml = Xml(ettn, order);
            var stored = await store.SaveGeneratedAsync(xml, ContentKind.Xml, ct);
            db.RecordEvent("PaymentOrderAttachmentUploaded", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
            {
                attachmentId = link.Id,
                documentType = link.DocumentTypeCode,
                source = link.Source.ToString(),
                fileName = $"e-Fatura-{ettn}.xml",
                size = 0,
                sha256 = stored.Sha256,
                ettn,
                invoiceNumber = "DMO2026000000001",
                signature = "Absent",
            }));
            recorded = true;
        }

        if (recorded)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private static byte[] Xml(string ettn, PaymentOrder order)
    {
        var payable = (order.GrossAmount - order.Deductions.VatWithholding).Amount.ToString("0.00", CultureInfo.InvariantCulture);
        var date = order.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                     xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
              <cbc:CustomizationID>TR1.2</cbc:CustomizationID>
              <cbc:ProfileID>TEMELFATURA</cbc:ProfileID>
              <cbc:ID>DMO2026000000001</cbc:ID>
              <cbc:UUID>{ettn}</cbc:UUID>
              <cbc:IssueDate>{date}</cbc:IssueDate>
              <cbc:InvoiceTypeCode>SATIS</cbc:InvoiceTypeCode>
              <cbc:DocumentCurrencyCode>TRY</cbc:DocumentCurrencyCode>
              <cac:AccountingSupplierParty><cac:Party>
                <cac:PartyIdentification><cbc:ID schemeID="VKN">{order.Payee?.TaxId.Value ?? "0000000000"}</cbc:ID></cac:PartyIdentification>
              </cac:Party></cac:AccountingSupplierParty>
              <cac:LegalMonetaryTotal>
                <cbc:PayableAmount currencyID="TRY">{payable}</cbc:PayableAmount>
              </cac:LegalMonetaryTotal>
            </Invoice>
            """);
    }
}
