using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.Invoices;

public sealed class EInvoiceComparisonTests
{
    private static EInvoice Invoice(decimal payable = 1180.00m, string supplier = ValidVkn, string currency = "TRY", DateOnly? date = null, string ettn = Ettn) =>
        new(Guid.Parse(ettn), "ABC2025000000123", date ?? new DateOnly(2025, 6, 5), TaxId.From(supplier), payable, currency, "TEMELFATURA", "SATIS");

    [Fact]
    public void A_matching_e_fatura_shows_no_differences()
    {
        EInvoiceComparison.Compare(Invoice(), new PaymentOrderBuilder().Build()).ShouldBeEmpty();
    }

    [Fact]
    public void Each_difference_is_listed_with_both_values()
    {
        var differences = EInvoiceComparison.Compare(
            Invoice(payable: 1000m, supplier: OtherValidVkn, date: new DateOnly(2025, 6, 11), ettn: "11111111-2222-3333-4444-555555555555"),
            new PaymentOrderBuilder().Build());

        differences.Select(d => d.Field).ShouldBe(["supplierTaxId", "payableAmount", "invoiceDate", "ettn"]);
        differences[0].PaymentOrderValue.ShouldBe(ValidVkn);
        differences[0].InvoiceValue.ShouldBe(OtherValidVkn);
        differences[1].PaymentOrderValue.ShouldBe("1.180,00 TL");
        differences[1].InvoiceValue.ShouldBe("1.000,00 TL");
    }

    [Fact]
    public void A_withholding_invoice_is_compared_after_the_vat_withholding()
    {
        var deductions = Deductions.Create(vatWithholding: Money.From(118m), stampDuty: Money.From(10m)).Value;
        var order = new PaymentOrderBuilder().WithAmounts(1180m, deductions).Build();

        EInvoiceComparison.Compare(Invoice(payable: 1062.00m), order).ShouldBeEmpty();
        EInvoiceComparison.Compare(Invoice(payable: 1180.00m), order).ShouldHaveSingleItem().Field.ShouldBe("payableAmount");
    }

    [Fact]
    public void A_foreign_currency_invoice_is_flagged()
    {
        EInvoiceComparison.Compare(Invoice(currency: "USD"), new PaymentOrderBuilder().Build()).ShouldHaveSingleItem().Field.ShouldBe("currency");
    }

    [Fact]
    public void A_missing_payee_is_a_difference()
    {
        EInvoiceComparison.Compare(Invoice(), new PaymentOrderBuilder().WithoutPayee().Build()).ShouldHaveSingleItem().PaymentOrderValue.ShouldBeNull();
    }
}
