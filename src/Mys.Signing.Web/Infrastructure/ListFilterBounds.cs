using System.Globalization;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// The bounds of a list's filter as typed in the address: dates within the years the system keeps
/// (<see cref="PaymentOrderLimits.EarliestDate"/>–<see cref="PaymentOrderLimits.LatestDate"/>; 0001-01-01 or 9999-12-31
/// would overflow the time-zone arithmetic) and a page number a list can have. Out of bounds is a 400 with the reason.
/// </summary>
public static class ListFilterBounds
{
    /// <summary>No list is browsed past this page; it keeps the row offset far inside an int.</summary>
    public const int MaxPage = 100_000;

    public static List<string> Check(DateOnly? from, DateOnly? to, int page)
    {
        var problems = new List<string>();
        foreach (var (date, label) in new[] { (from, "Başlangıç tarihi"), (to, "Bitiş tarihi") })
        {
            if (date is { } value && PaymentOrderDates.Check(value, label).Error is { } error)
            {
                problems.Add(error.Message);
            }
        }

        if (page is < 1 or > MaxPage)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Sayfa numarası 1 ile {MaxPage:N0} arasında olmalıdır.").Replace(",", ".", StringComparison.Ordinal));
        }

        return problems;
    }
}
