using System.Text.Json;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.StructuredDocuments;

/// <summary>İşlem çeşidi of an asset voucher. The full list in the regulation is not confirmed by our sources.</summary>
public enum AssetTransactionKind
{
    /// <summary>Satın alma.</summary>
    Purchase = 1,

    /// <summary>Devir.</summary>
    Transfer = 2,

    /// <summary>Tüketim.</summary>
    Consumption = 3,

    /// <summary>Bağış ve yardım.</summary>
    Donation = 4,
}

/// <summary>
/// Varlık İşlem Fişi (VİF, the Taşınır İşlem Fişi family), produced in this system: voucher number and date,
/// transaction kind, the source document (dayanak belge, e.g. the invoice) and item lines; totals are computed
/// from the lines. Structured (RS): linked to ÖEBs by <see cref="Id"/>. Its exact legal fields are UNCONFIRMED
/// (domain.md §1c); this models the fields the sources agree on.
/// </summary>
public sealed class AssetVoucher
{
    public const string TypeCode = "VIF";
    public const int SchemaVersion = 1;

    private AssetVoucher(Guid id, string number, DateOnly date, AssetTransactionKind kind, Guid spendingUnitId, string? sourceDocument, AssetVoucherItem[] items)
    {
        Id = id;
        Number = number;
        Date = date;
        Kind = kind;
        SpendingUnitId = spendingUnitId;
        SourceDocument = sourceDocument;
        Items = items;
        foreach (var item in items)
        {
            NetTotal += item.NetAmount;
            VatTotal += item.VatAmount;
        }

        GrandTotal = NetTotal + VatTotal;
    }

    public Guid Id { get; }

    public string Number { get; }

    public DateOnly Date { get; }

    public AssetTransactionKind Kind { get; }

    public Guid SpendingUnitId { get; }

    /// <summary>Dayanak belge: date and number of the source document as written, e.g. "Fatura 05.06.2025 / ABC2025000000123".</summary>
    public string? SourceDocument { get; }

    public IReadOnlyList<AssetVoucherItem> Items { get; }

    public Money NetTotal { get; }

    public Money VatTotal { get; }

    public Money GrandTotal { get; }

    public static Result<AssetVoucher> Create(
        Guid id, string? number, DateOnly date, AssetTransactionKind kind, Guid spendingUnitId, string? sourceDocument, IReadOnlyCollection<AssetVoucherItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (string.IsNullOrWhiteSpace(number))
        {
            return Result<AssetVoucher>.Failure("VIF_NUMBER", "Fiş numarası girilmelidir.");
        }

        if (!Enum.IsDefined(kind))
        {
            return Result<AssetVoucher>.Failure("VIF_KIND", "İşlem çeşidi geçersiz.");
        }

        if (items.Count == 0)
        {
            return Result<AssetVoucher>.Failure("VIF_ITEMS", "Fişte en az bir taşınır satırı olmalıdır.");
        }

        var source = string.IsNullOrWhiteSpace(sourceDocument) ? null : sourceDocument.Trim();
        return Result<AssetVoucher>.Success(new AssetVoucher(id, number.Trim(), date, kind, spendingUnitId, source, [.. items]));
    }

    /// <summary>The canonical JSON form (UTF-8), schema in docs/structured-documents.md.</summary>
    public byte[] ToCanonicalJson() => CanonicalJson.Write(Write);

    private static string KindCode(AssetTransactionKind kind) => kind switch
    {
        AssetTransactionKind.Purchase => "SATIN_ALMA",
        AssetTransactionKind.Transfer => "DEVIR",
        AssetTransactionKind.Consumption => "TUKETIM",
        AssetTransactionKind.Donation => "BAGIS",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", TypeCode);
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("id", Id.ToString("D"));
        w.WriteString("number", Number);
        CanonicalJson.Date(w, "date", Date);
        w.WriteString("transactionKind", KindCode(Kind));
        w.WriteString("spendingUnitId", SpendingUnitId.ToString("D"));
        if (SourceDocument is null)
        {
            w.WriteNull("sourceDocument");
        }
        else
        {
            w.WriteString("sourceDocument", SourceDocument);
        }

        w.WriteString("currency", Money.Currency);
        w.WriteStartArray("items");
        foreach (var item in Items)
        {
            w.WriteStartObject();
            w.WriteString("code", item.Code.Value);
            w.WriteString("name", item.Name);
            w.WriteString("unit", item.Unit);
            CanonicalJson.Decimal(w, "quantity", item.Quantity);
            CanonicalJson.Money(w, "unitPrice", item.UnitPrice);
            w.WriteNumber("vatRate", item.VatRate);
            CanonicalJson.Money(w, "netAmount", item.NetAmount);
            CanonicalJson.Money(w, "vatAmount", item.VatAmount);
            CanonicalJson.Money(w, "total", item.Total);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        CanonicalJson.Money(w, "netTotal", NetTotal);
        CanonicalJson.Money(w, "vatTotal", VatTotal);
        CanonicalJson.Money(w, "grandTotal", GrandTotal);
        w.WriteEndObject();
    }
}
