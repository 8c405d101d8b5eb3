namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// R9 fields of an e-Arşiv or paper invoice, as entered: invoice number, supplier VKN / person TCKN and
/// invoice date. Kept raw so the form can show every problem at once; rule R9 validates them.
/// </summary>
public sealed record InvoiceDetails(string? InvoiceNumber, string? SupplierTaxId, DateOnly? InvoiceDate)
{
    public static InvoiceDetails Empty { get; } = new(null, null, null);
}
