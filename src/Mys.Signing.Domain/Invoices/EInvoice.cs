using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Parties;

namespace Mys.Signing.Domain.Invoices;

/// <summary>The facts of a UBL-TR e-Fatura that an ÖEB is checked against (read by <see cref="UblTrInvoiceReader"/>).</summary>
public sealed record EInvoice(
    Guid Ettn,
    string InvoiceNumber,
    DateOnly IssueDate,
    TaxId Supplier,
    decimal PayableAmount,
    string Currency,
    string? ProfileId,
    string? InvoiceTypeCode)
{
    /// <summary>The payable amount as <see cref="Money"/> when the invoice is in TRY with kuruş precision; otherwise null.</summary>
    public Money? PayableInTry =>
        string.Equals(Currency, Money.Currency, StringComparison.Ordinal) && Money.Of(PayableAmount) is { IsSuccess: true } money ? money.Value : null;
}
