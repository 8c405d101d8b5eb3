namespace Mys.Signing.Signatures.Rendering;

/// <summary>
/// One demo ÖEB print model (fixed values, Turkish characters in every text field) shared by the tests, the
/// benchmarks and the CLI's demo bundle; callers adjust it with <c>with</c>.
/// </summary>
public static class DemoPrintModels
{
    public static PaymentOrderPrintModel PaymentOrder(string number = "2026/000123") => new()
    {
        DocumentNumber = number,
        DocumentDate = new DateOnly(2026, 11, 21),
        BudgetYear = 2026,
        InstitutionName = "Örnek Üniversitesi Rektörlüğü",
        SpendingUnitName = "Sağlık Kültür ve Spor Daire Başkanlığı",
        SpendingUnitCode = "38.14.31.02",
        AccountingUnitName = "Çankaya Strateji Geliştirme Daire Başkanlığı",
        AccountingUnitCode = "06.01.150",
        BudgetLines = [new("38.14.31.02", "09.4.1.00", "2", "03.2.1.01", 12_345.67m)],
        AccountingLines =
        [
            new("630.03.2.1.01", "Giderler Hesabı — Kırtasiye Alımları", 12_345.67m, 0),
            new("320.01", "Bütçe Emanetleri Hesabı", 0, 12_345.67m),
        ],
        GrossAmount = 12_345.67m,
        Deductions = [new("Damga Vergisi", 93.70m), new("KDV Tevkifatı", 411.52m)],
        NetAmount = 11_840.45m,
        AmountInWords = "On bir bin sekiz yüz kırk Türk lirası kırk beş kuruş",
        Payee = new("Işık Kırtasiye Ltd. Şti.", "4840847211", "TR33 0006 1005 1978 6457 8413 26", "Türkiye İş Bankası"),
        Description = "2026 yılı ihtiyaçları için kırtasiye malzemesi alımı bedeli. Ödeme, muayene ve kabul komisyonu tutanağına istinaden yapılacaktır. ığüşöçİĞÜŞÖÇ",
        AttachmentsDescription = "Fatura satırları: 50 adet A4 fotokopi kâğıdı; 20 adet dosya klasörü; 10 kutu tükenmez kalem.",
        Attachments =
        [
            new("Fatura", "e-Fatura", "fatura-GIB2026000000123.xml", 18_432, "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
            new("Muayene ve Kabul Tutanağı", "Yükleme", "muayene-kabul.pdf", 245_760, "60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752"),
        ],
        Signers =
        [
            new("Gerçekleştirme Görevlisi", SignerFields.RealizationOfficer, "Ayşe Yılmaz", "Şube Müdürü"),
            new("Harcama Yetkilisi", SignerFields.SpendingAuthority, "Mehmet Öztürk", "Daire Başkanı"),
            new("Muhasebe Yetkilisi", SignerFields.AccountingOfficer, "İpek Çağlar Şahin", "Muhasebe Müdürü"),
        ],
        VerificationCode = "MYS-7F3K-Q9ZD",
        VerificationUrl = "https://mys.example.gov.tr/dogrula/MYS-7F3K-Q9ZD",
        GeneratedAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
    };
}
