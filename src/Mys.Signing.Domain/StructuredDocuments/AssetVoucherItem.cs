using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.StructuredDocuments;

/// <summary>
/// One line of a VİF: asset code (hesap planı detay kodu, e.g. 150.01.01 or 255.02.03), name, unit, quantity
/// (&gt; 0, at most 3 decimals), unit price and VAT rate (percent, 0–100). Net, VAT and total are computed with
/// kuruş rounding, midpoint away from zero: net = round(quantity × unit price), vat = round(net × rate / 100),
/// total = net + vat.
/// </summary>
public sealed record AssetVoucherItem
{
    private AssetVoucherItem(AccountCode code, string name, string unit, decimal quantity, Money unitPrice, int vatRate)
    {
        Code = code;
        Name = name;
        Unit = unit;
        Quantity = quantity;
        UnitPrice = unitPrice;
        VatRate = vatRate;
        NetAmount = Round(quantity * unitPrice.Amount);
        VatAmount = Round(NetAmount.Amount * vatRate / 100m);
        Total = NetAmount + VatAmount;
    }

    public AccountCode Code { get; }

    public string Name { get; }

    /// <summary>Ölçü birimi, e.g. "Adet", "Kg".</summary>
    public string Unit { get; }

    public decimal Quantity { get; }

    public Money UnitPrice { get; }

    public int VatRate { get; }

    public Money NetAmount { get; }

    public Money VatAmount { get; }

    public Money Total { get; }

    public static Result<AssetVoucherItem> Create(AccountCode code, string? name, string? unit, decimal quantity, Money unitPrice, int vatRate)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(unit))
        {
            return Result<AssetVoucherItem>.Failure("VIF_ITEM_FIELD_MISSING", "Taşınırın adı ve ölçü birimi girilmelidir.");
        }

        if (quantity <= 0 || decimal.Round(quantity, 3) != quantity)
        {
            return Result<AssetVoucherItem>.Failure("VIF_ITEM_QUANTITY", "Miktar sıfırdan büyük olmalı ve en fazla üç ondalık basamak içermelidir.");
        }

        if (unitPrice.IsNegative)
        {
            return Result<AssetVoucherItem>.Failure("VIF_ITEM_PRICE", "Birim fiyat eksi olamaz.");
        }

        if (vatRate is < 0 or > 100)
        {
            return Result<AssetVoucherItem>.Failure("VIF_ITEM_VAT_RATE", "KDV oranı 0-100 arasında olmalıdır.");
        }

        return Result<AssetVoucherItem>.Success(new AssetVoucherItem(code, name.Trim(), unit.Trim(), quantity, unitPrice, vatRate));
    }

    private static Money Round(decimal value) => Money.From(decimal.Round(value, 2, MidpointRounding.AwayFromZero));
}
