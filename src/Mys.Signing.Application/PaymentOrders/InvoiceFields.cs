using System.Globalization;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>The R9 fields of an e-Arşiv / paper invoice as typed: all three must be present (their checksums and date bounds are rule R9's).</summary>
public static class InvoiceFields
{
    public static Outcome<InvoiceDetails> Parse(string? numberText, string? supplierText, string? dateText)
    {
        var problems = new List<string>();
        var number = numberText?.Trim();
        var supplier = supplierText?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            problems.Add("Fatura numarası girilmelidir.");
        }

        if (string.IsNullOrEmpty(supplier))
        {
            problems.Add("Faturayı düzenleyenin VKN/TCKN'si girilmelidir.");
        }

        if (!DateOnly.TryParseExact(dateText?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add("Fatura tarihi girilmelidir.");
        }

        if (problems.Count > 0)
        {
            return new Refusal(RefusalKind.Invalid, "invoice fields", string.Join(" ", problems));
        }

        var details = InvoiceDetails.Create(number, supplier, date);
        return details.IsSuccess ? details.Value : new Refusal(RefusalKind.Invalid, details.Error!.Code, details.Error.Message);
    }
}
