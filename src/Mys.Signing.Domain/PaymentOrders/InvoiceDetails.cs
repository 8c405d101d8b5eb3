using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// R9 fields of an e-Arşiv or paper invoice, as entered: invoice number, supplier VKN / person TCKN and
/// invoice date. Kept raw so the form can show every problem at once; rule R9 validates them.
/// </summary>
public sealed record InvoiceDetails(string? InvoiceNumber, string? SupplierTaxId, DateOnly? InvoiceDate)
{
    public static InvoiceDetails Empty { get; } = new(null, null, null);

    /// <summary>
    /// The fields as typed, refused when they cannot be stored: longer than their columns, with control or bidi
    /// characters, or a date outside <see cref="PaymentOrderLimits.EarliestDate"/>–<see cref="PaymentOrderLimits.LatestDate"/>.
    /// Whether they are right (checksums, the date against the ÖEB's) stays rule R9's.
    /// </summary>
    public static Result<InvoiceDetails> Create(string? invoiceNumber, string? supplierTaxId, DateOnly? invoiceDate)
    {
        var number = TypedText.Check(invoiceNumber, "Fatura numarası", PaymentOrderLimits.InvoiceNumberLength);
        var supplier = TypedText.Check(supplierTaxId, "Faturayı düzenleyenin VKN/TCKN'si", PaymentOrderLimits.SupplierTaxIdLength);
        var refused = number.Error ?? supplier.Error ?? (invoiceDate is { } date ? PaymentOrderDates.Check(date, "Fatura tarihi").Error : null);
        return refused is not null
            ? Result<InvoiceDetails>.Failure(refused)
            : Result<InvoiceDetails>.Success(new InvoiceDetails(number.Value, supplier.Value, invoiceDate));
    }
}
