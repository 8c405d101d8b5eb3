using System.Text;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;

namespace Mys.Signing.Domain.Tests.StructuredDocuments;

public sealed class AssetVoucherTests
{
    private static readonly Guid Id = Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static readonly Guid Unit = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static AssetVoucherItem Item(decimal quantity, decimal price, int vat, string code = "150.01.01") =>
        AssetVoucherItem.Create(AccountCode.From(code), "A4 kagit", "Paket", quantity, Money.From(price), vat).Value;

    [Fact]
    public void Line_and_voucher_totals_are_computed_with_kurus_rounding()
    {
        var item = Item(3m, 33.33m, 20);
        item.NetAmount.ShouldBe(Money.From(99.99m));
        item.VatAmount.ShouldBe(Money.From(20.00m)); // 19.998 → 20.00
        item.Total.ShouldBe(Money.From(119.99m));

        var half = Item(0.5m, 0.05m, 10); // 0.025 → 0.03 (midpoint away from zero)
        half.NetAmount.ShouldBe(Money.From(0.03m));

        var voucher = AssetVoucher.Create(Id, "VIF-1", new DateOnly(2025, 6, 5), AssetTransactionKind.Purchase, Unit, null, [item, half]).Value;
        voucher.NetTotal.ShouldBe(Money.From(100.02m));
        voucher.VatTotal.ShouldBe(Money.From(20.00m));
        voucher.GrandTotal.ShouldBe(Money.From(120.02m));
    }

    [Fact]
    public void The_canonical_json_has_the_documented_order_and_formats()
    {
        var voucher = AssetVoucher.Create(Id, "VIF-1", new DateOnly(2025, 6, 5), AssetTransactionKind.Purchase, Unit, "Fatura 05.06.2025 / ABC2025000000123",
            [Item(2.5m, 100m, 20, "255.02.03")]).Value;

        Encoding.UTF8.GetString(voucher.ToCanonicalJson()).ShouldBe(Json(
            "{'type':'VIF','schemaVersion':1,'id':'7c9e6679-7425-40de-944b-e07fc1f90ae7','number':'VIF-1','date':'2025-06-05','transactionKind':'SATIN_ALMA'," +
            "'spendingUnitId':'11111111-1111-1111-1111-111111111111','sourceDocument':'Fatura 05.06.2025 / ABC2025000000123','currency':'TRY'," +
            "'items':[{'code':'255.02.03','name':'A4 kagit','unit':'Paket','quantity':2.5,'unitPrice':100.00,'vatRate':20,'netAmount':250.00,'vatAmount':50.00,'total':300.00}]," +
            "'netTotal':250.00,'vatTotal':50.00,'grandTotal':300.00}"));
    }

    [Fact]
    public void A_missing_source_document_is_written_as_null()
    {
        var voucher = AssetVoucher.Create(Id, "VIF-2", new DateOnly(2025, 6, 5), AssetTransactionKind.Consumption, Unit, " ", [Item(1m, 1m, 0)]).Value;

        Encoding.UTF8.GetString(voucher.ToCanonicalJson()).ShouldContain("\"transactionKind\":\"TUKETIM\",\"spendingUnitId\":\"11111111-1111-1111-1111-111111111111\",\"sourceDocument\":null,");
    }

    [Theory]
    [InlineData(0, 1, 20, "VIF_ITEM_QUANTITY")]
    [InlineData(1.0001, 1, 20, "VIF_ITEM_QUANTITY")]
    [InlineData(1, -1, 20, "VIF_ITEM_PRICE")]
    [InlineData(1, 1, 101, "VIF_ITEM_VAT_RATE")]
    public void Bad_item_values_are_refused(double quantity, double price, int vat, string code)
    {
        AssetVoucherItem.Create(AccountCode.From("150"), "x", "Adet", (decimal)quantity, Money.From((decimal)price), vat).Error!.Code.ShouldBe(code);
    }

    [Fact]
    public void A_voucher_needs_a_number_and_items()
    {
        AssetVoucher.Create(Id, " ", new DateOnly(2025, 6, 5), AssetTransactionKind.Purchase, Unit, null, [Item(1m, 1m, 0)]).Error!.Code.ShouldBe("VIF_NUMBER");
        AssetVoucher.Create(Id, "V", new DateOnly(2025, 6, 5), AssetTransactionKind.Purchase, Unit, null, []).Error!.Code.ShouldBe("VIF_ITEMS");
        AssetVoucherItem.Create(AccountCode.From("150"), "", "Adet", 1m, Money.From(1m), 0).Error!.Code.ShouldBe("VIF_ITEM_FIELD_MISSING");
    }

    private static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
