using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>Prepares a Varlık İşlem Fişi (VİF) for a draft ÖEB, stores it as canonical JSON and links it.</summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class AssetVoucherModel(CurrentUser current, PaymentOrderSupport support, LinkStructuredDocument link, ILogger<AssetVoucherModel> logger)
    : StructuredDocumentPageModel(current, support, link)
{
    public const int ItemRows = 4;

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public AssetTransactionKind Kind { get; set; } = AssetTransactionKind.Purchase;

    [BindProperty]
    public string? SourceDocument { get; set; }

    [BindProperty]
    public List<ItemInput> Items { get; set; } = [];

    protected override void Prefill(PaymentOrder order)
    {
        Date = order.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        SourceDocument = order.Attachments.FirstOrDefault(a => a.Invoice?.InvoiceNumber is not null)?.Invoice!.InvoiceNumber;
        PadItems();
    }

    protected override EnteredStructuredDocument? Enter(PaymentOrder order)
    {
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Errors.Add("Tarih geçerli olmalıdır.");
        }

        var items = new List<AssetVoucherItem>();
        for (var i = 0; i < Items.Count; i++)
        {
            var input = Items[i];
            if (string.IsNullOrWhiteSpace(input.Code) && string.IsNullOrWhiteSpace(input.Name))
            {
                continue;
            }

            var row = (i + 1).ToString(CultureInfo.InvariantCulture) + ". kalem: ";
            var code = AccountCode.Parse(input.Code);
            var price = Money.Parse(input.UnitPrice);
            var quantityOk = decimal.TryParse(input.Quantity?.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity);
            var vatOk = int.TryParse(input.VatRate, NumberStyles.None, CultureInfo.InvariantCulture, out var vat);
            if (!code.IsSuccess || !price.IsSuccess || !quantityOk || !vatOk)
            {
                Errors.Add(row + (code.Error?.Message ?? price.Error?.Message ?? (quantityOk ? "KDV oranı tam sayı olmalıdır." : "Miktar sayı olmalıdır (ör. 2,5).")));
                continue;
            }

            var item = AssetVoucherItem.Create(code.Value, input.Name, input.Unit, quantity, price.Value, vat);
            if (item.IsSuccess)
            {
                items.Add(item.Value);
            }
            else
            {
                Errors.Add(row + item.Error!.Message);
            }
        }

        if (Errors.Count > 0)
        {
            return null;
        }

        var created = AssetVoucher.Create(Guid.NewGuid(), Number, date, Kind, UnitId, SourceDocument, items);
        if (!created.IsSuccess)
        {
            Errors.Add(created.Error!.Message);
            logger.LogInformation("VİF for ÖEB {OrderId} refused: {Code}", order.Id, created.Error.Code);
            return null;
        }

        var vif = created.Value;
        return new EnteredStructuredDocument(StructuredDocumentDraft.Of(vif), $"Varlık işlem fişi {vif.Number} oluşturuldu ve ÖEB'ye bağlandı (toplam {vif.GrandTotal.ToTurkishString()}).");
    }

    protected override void CompleteForm() => PadItems();

    private void PadItems()
    {
        while (Items.Count < ItemRows)
        {
            Items.Add(new ItemInput());
        }
    }

    public sealed class ItemInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? Unit { get; set; }

        public string? Quantity { get; set; }

        public string? UnitPrice { get; set; }

        public string? VatRate { get; set; }
    }
}
