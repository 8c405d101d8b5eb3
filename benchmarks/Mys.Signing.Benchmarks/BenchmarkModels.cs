using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Benchmarks;

internal static class BenchmarkModels
{
    public static PaymentOrderPrintModel PaymentOrder() => new()
    {
        DocumentNumber = "2026/000123",
        DocumentDate = new DateOnly(2026, 11, 21),
        BudgetYear = 2026,
        InstitutionName = "Demo Üniversitesi",
        SpendingUnitName = "Bilgi İşlem Daire Başkanlığı",
        SpendingUnitCode = "38.10.00.30",
        AccountingUnitName = "Strateji Geliştirme Daire Başkanlığı Muhasebe Birimi",
        AccountingUnitCode = "06.01.001",
        BudgetLines = [new("38.10.00.30", "09.4.1.00", "2", "03.2.1.01", 12_345.67m)],
        AccountingLines = [new("630.03.2.1.01", "Giderler", 12_345.67m, 0), new("320.01", "Bütçe Emanetleri", 0, 12_345.67m)],
        GrossAmount = 12_345.67m,
        Deductions = [new("Damga Vergisi", 93.70m)],
        NetAmount = 12_251.97m,
        AmountInWords = "Yalnız OnİkiBinİkiYüzElliBir TL DoksanYedi Kr",
        Payee = new("Işık Kırtasiye Ltd. Şti.", "1234567890", "TR33 0006 1005 1978 6457 8413 26", "Türkiye İş Bankası"),
        Description = "Kırtasiye malzemesi alımı.",
        AttachmentsDescription = "Fatura No: ABC2026000000123, VKN: 1234567890, Tarih: 20.11.2026",
        Attachments = [new("Fatura", "Tarama", "fatura.pdf", 245_760, new string('A', 64))],
        Signers =
        [
            new("Gerçekleştirme Görevlisi", SignerFields.RealizationOfficer, "Ayşe Yılmaz", "Şube Müdürü"),
            new("Harcama Yetkilisi", SignerFields.SpendingAuthority, "Mehmet Öztürk", "Daire Başkanı"),
            new("Muhasebe Yetkilisi", SignerFields.AccountingOfficer, "İpek Çağlar Şahin", "Muhasebe Müdürü"),
        ],
        VerificationCode = "MYS-7F3K-Q9ZD",
        VerificationUrl = "http://127.0.0.1:5080/dogrula/MYS-7F3K-Q9ZD",
        GeneratedAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
    };
}
