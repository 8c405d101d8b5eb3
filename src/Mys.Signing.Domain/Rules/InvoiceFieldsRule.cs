using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R9 — for an e-Arşiv or paper invoice (document type Fatura) the invoice number, the supplier's VKN (10
/// digits) or the person's TCKN (11 digits) and the invoice date are mandatory and valid; the date is not in
/// the future nor earlier than 1 January of (budget year − <see cref="RuleOptions.MaxInvoiceAgeYears"/>).
/// The ÖEB's attachments description must match what <see cref="AttachmentsDescription"/> generates.
/// </summary>
public sealed class InvoiceFieldsRule : IPaymentOrderRule
{
    public const string InvoiceNoMissing = "R9.INVOICE_NO_MISSING";
    public const string InvoiceNoTooLong = "R9.INVOICE_NO_TOO_LONG";
    public const string SupplierIdMissing = "R9.SUPPLIER_ID_MISSING";
    public const string SupplierIdInvalid = "R9.SUPPLIER_ID_INVALID";
    public const string InvoiceDateMissing = "R9.INVOICE_DATE_MISSING";
    public const string InvoiceDateFuture = "R9.INVOICE_DATE_FUTURE";
    public const string InvoiceDateTooOld = "R9.INVOICE_DATE_TOO_OLD";
    public const string DescriptionStale = "R9.DESCRIPTION_STALE";

    public const int MaxInvoiceNumberLength = 50;

    public string Code => "R9";

    public string Clause => "Kılavuz, Esaslar md. 9";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        var earliest = new DateOnly(Math.Max(1, order.BudgetYear - context.Options.MaxInvoiceAgeYears), 1, 1);
        var hasInvoice = false;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (!string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
            {
                continue;
            }

            hasInvoice = true;
            var invoice = attachment.Invoice ?? InvoiceDetails.Empty;
            CheckNumber(invoice.InvoiceNumber, i, violations);
            CheckSupplier(invoice.SupplierTaxId, i, violations);
            CheckDate(invoice.InvoiceDate, earliest, context.Today, i, violations);
        }

        if (hasInvoice && !AttachmentsDescription.Matches(order.AttachmentsDescription, attachments))
        {
            violations.Add(new RuleViolation(DescriptionStale, "Ek belgeler açıklaması fatura bilgileriyle uyuşmuyor; yeniden oluşturulmalıdır.", RulePaths.AttachmentsDescription));
        }
    }

    private static void CheckNumber(string? number, int index, List<RuleViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            violations.Add(new RuleViolation(InvoiceNoMissing, "Fatura No girilmelidir.", RulePaths.Attachment(index, "invoiceNo")));
        }
        else if (number.Trim().Length > MaxInvoiceNumberLength)
        {
            violations.Add(new RuleViolation(InvoiceNoTooLong, "Fatura No en fazla 50 karakter olabilir.", RulePaths.Attachment(index, "invoiceNo")));
        }
    }

    private static void CheckSupplier(string? supplier, int index, List<RuleViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(supplier))
        {
            violations.Add(new RuleViolation(SupplierIdMissing, "Firma VKN / Kişi TCKN girilmelidir.", RulePaths.Attachment(index, "supplierTaxId")));
            return;
        }

        if (!TaxId.IsValid(supplier))
        {
            violations.Add(new RuleViolation(SupplierIdInvalid, "Firma VKN / Kişi TCKN geçersiz: " + TaxId.Parse(supplier).Error!.Message, RulePaths.Attachment(index, "supplierTaxId")));
        }
    }

    private static void CheckDate(DateOnly? date, DateOnly earliest, DateOnly today, int index, List<RuleViolation> violations)
    {
        if (date is null)
        {
            violations.Add(new RuleViolation(InvoiceDateMissing, "Fatura Tarihi girilmelidir.", RulePaths.Attachment(index, "invoiceDate")));
        }
        else if (date.Value > today)
        {
            violations.Add(new RuleViolation(InvoiceDateFuture, "Fatura Tarihi bugünden sonra olamaz.", RulePaths.Attachment(index, "invoiceDate")));
        }
        else if (date.Value < earliest)
        {
            violations.Add(new RuleViolation(InvoiceDateTooOld, "Fatura Tarihi izin verilen en eski tarihten (bütçe yılı başından önceki sınır) önce olamaz.", RulePaths.Attachment(index, "invoiceDate")));
        }
    }
}
