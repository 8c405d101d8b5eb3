using System.Globalization;
using System.Text.Json;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// Maps a stored HTOB / VİF (its canonical JSON, docs/structured-documents.md) onto the print model, so the PDF shows
/// exactly the bytes that are stored and hashed. The rendering is deterministic, so it is produced on request.
/// </summary>
public static class StructuredDocumentPrinting
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");
    private static readonly string[] ItemsHeader = ["Kod", "Adı", "Birim", "Miktar", "Birim Fiyat", "KDV %", "Toplam"];

    public static StructuredDocumentPrintModel Build(StructuredDocumentRecord record, string spendingUnitName)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var json = JsonDocument.Parse(record.CanonicalJson);
        var root = json.RootElement;
        var model = new StructuredDocumentPrintModel
        {
            DocumentNumber = record.Number,
            DocumentDate = record.Date,
            SpendingUnitName = spendingUnitName,
            CanonicalSha256 = record.Sha256,
            GeneratedAt = new DateTimeOffset(record.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        };
        return string.Equals(record.Type, "VIF", StringComparison.Ordinal) ? AssetVoucher(model, root) : SpendingInstruction(model, root);
    }

    public static string FileName(StructuredDocumentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var number = new string(record.Number.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
        return $"{record.Type}-{number}.pdf";
    }

    private static StructuredDocumentPrintModel SpendingInstruction(StructuredDocumentPrintModel model, JsonElement root)
    {
        var line = root.GetProperty("budgetLine");
        var officers = root.GetProperty("assignedOfficers").EnumerateArray().Select(o => Text(o, "name") + " (" + Text(o, "title") + ")");
        return model with
        {
            Title = "HARCAMA TALİMATI ONAY BELGESİ",
            Fields =
            [
                new("Konu:", Text(root, "subject")),
                new("Gerekçe:", Text(root, "reason")),
                new("Hukuki Dayanak:", Text(root, "legalBasis")),
                new("Tutar:", Money(root, "amount")),
                new("Kullanılabilir Ödenek:", Money(root, "usableAppropriation")),
                new("Bütçe Tertibi:", string.Join(" / ", Text(line, "institutional"), Text(line, "functional"), Text(line, "financing"), Text(line, "economic"))),
                new("Gerçekleştirme Usulü:", Text(root, "realizationMethod")),
                new("Gerçekleştirme Görevlileri:", string.Join("; ", officers)),
                new("Süre:", Text(root, "duration")),
            ],
        };
    }

    private static StructuredDocumentPrintModel AssetVoucher(StructuredDocumentPrintModel model, JsonElement root)
    {
        var rows = new List<string[]> { ItemsHeader };
        rows.AddRange(root.GetProperty("items").EnumerateArray().Select(i => new[]
        {
            Text(i, "code"), Text(i, "name"), Text(i, "unit"), i.GetProperty("quantity").GetDecimal().ToString("0.###", Turkish),
            Number(i, "unitPrice"), i.GetProperty("vatRate").GetInt32().ToString(CultureInfo.InvariantCulture), Number(i, "total"),
        }));
        var kind = Text(root, "transactionKind") switch
        {
            "SATIN_ALMA" => "Satın Alma",
            "DEVIR" => "Devir",
            "TUKETIM" => "Tüketim",
            "BAGIS" => "Bağış",
            var other => other,
        };
        return model with
        {
            Title = "VARLIK İŞLEM FİŞİ",
            Fields =
            [
                new("İşlem Çeşidi:", kind),
                new("Dayanak Belge:", root.GetProperty("sourceDocument").ValueKind == JsonValueKind.Null ? "—" : Text(root, "sourceDocument")),
            ],
            TableHeading = "Kalemler",
            TableWidths = [2, 4, 1, 1, 1.5, 1, 1.5],
            TableRows = rows,
            TableRightAlignedFrom = 3,
            TrailingFields = [PrintField.Heading("Toplamlar"), new("Net Toplam:", Money(root, "netTotal")), new("KDV Toplamı:", Money(root, "vatTotal")), new("Genel Toplam:", Money(root, "grandTotal"))],
        };
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? string.Empty;

    private static string Number(JsonElement element, string name) => element.GetProperty(name).GetDecimal().ToString("N2", Turkish);

    private static string Money(JsonElement element, string name) => Number(element, name) + " TL";
}
