using System.Globalization;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Dates a person types (document, invoice): within the years ÖEBs are kept for, so 0001-01-01 or 9999-12-31 never pass as a date.</summary>
public static class PaymentOrderDates
{
    public static Result<DateOnly> Check(DateOnly date, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return date < PaymentOrderLimits.EarliestDate || date > PaymentOrderLimits.LatestDate
            ? Result<DateOnly>.Failure("DATE_RANGE", string.Create(CultureInfo.InvariantCulture,
                $"{label} {PaymentOrderLimits.EarliestDate:dd.MM.yyyy} ile {PaymentOrderLimits.LatestDate:dd.MM.yyyy} arasında olmalıdır."))
            : Result<DateOnly>.Success(date);
    }
}
