using Mys.Signing.Domain.Amounts;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// The sizes the database declares for what a user types into an ÖEB and its attachments: the persistence
/// configuration takes its column sizes from here and the domain refuses longer input with these same numbers, so a
/// value that passes the checks always fits its column.
/// </summary>
public static class PaymentOrderLimits
{
    public const int PayeeNameLength = 250;

    public const int TaxOfficeLength = 100;

    public const int BankNameLength = 100;

    public const int DescriptionLength = 2000;

    public const int ContractNumberLength = 50;

    public const int InvoiceNumberLength = 50;

    public const int SupplierTaxIdLength = 20;

    /// <summary>The attachment's file name as received (its stored, cleaned name is at most <see cref="AttachmentFileName.MaxLength"/>).</summary>
    public const int FileNameLength = 255;

    /// <summary>Amount columns are numeric(18, 2): 16 digits before the decimal point.</summary>
    public const int AmountPrecision = 18;

    public const int AmountScale = 2;

    /// <summary>Earliest document, invoice and contract date accepted (ÖEBs are kept for budget years 2000-2100).</summary>
    public static DateOnly EarliestDate { get; } = new(2000, 1, 1);

    public static DateOnly LatestDate { get; } = new(2100, 12, 31);

    /// <summary>The largest amount an amount column holds (9.999.999.999.999.999,99 TL).</summary>
    public static decimal MaxAmount => Money.MaxAmount;
}
