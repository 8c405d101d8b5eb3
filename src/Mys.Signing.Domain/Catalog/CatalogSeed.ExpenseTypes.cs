using C = Mys.Signing.Domain.Catalog.DocumentTypeCodes;
using E = Mys.Signing.Domain.Catalog.ExpenseTypeCodes;

namespace Mys.Signing.Domain.Catalog;

public static partial class CatalogSeed
{
    private const string InvoiceName = "Fatura (e-Fatura veya e-Arşiv/kâğıt)";

    public static IReadOnlyList<ExpenseType> ExpenseTypes() =>
    [
        new(E.DirectProcurementGoods, "Doğrudan Temin (4734/22-d) – Mal Alımı",
            [Invoice(), Req("PIYASA", "Piyasa Fiyat Araştırması Tutanağı", C.MarketResearch), Req("MUAYENE", "Muayene ve Kabul Tutanağı / İdare Kabul Belgesi", C.AcceptanceReport), Req("VIF", "Varlık İşlem Fişi", C.AssetVoucher)],
            [C.Contract, C.ApprovalDocument], requiresSpendingInstruction: true, isContractBased: false,
            note: "MYHBY md. 63 (S13). Onay belgesinin MYS'de HTOB ile karşılandığı varsayıldı (UNCONFIRMED); ayrı onay belgesi de eklenebilir. Sözleşme yapılmışsa eklenir."),
        new(E.DirectProcurementServices, "Doğrudan Temin (4734/22-d) – Hizmet Alımı",
            [Invoice(), Req("PIYASA", "Piyasa Fiyat Araştırması Tutanağı", C.MarketResearch), Req("MUAYENE", "Muayene ve Kabul Tutanağı / İdare Kabul Belgesi", C.AcceptanceReport)],
            [C.Contract, C.ApprovalDocument], requiresSpendingInstruction: true, isContractBased: false,
            note: "MYHBY md. 63 (S13). Onay belgesinin MYS'de HTOB ile karşılandığı varsayıldı (UNCONFIRMED). Tercüme, ulaştırma ve haberleşmede muayene-kabul aranmaz."),
        Utility(E.Electricity, "Elektrik"),
        Utility(E.Water, "Su"),
        Utility(E.NaturalGas, "Doğalgaz"),
        Utility(E.Telecommunications, "Haberleşme"),
        new(E.TenderGoods, "İhale ile Mal Alımı",
            [Req("ONAY", "İhale Onay Belgesi", [C.ApprovalDocument], uncertain: true), Req("SOZLESME", "Sözleşme", [C.Contract], uncertain: true), Invoice(uncertain: true),
             Req("MUAYENE", "Muayene ve Kabul Tutanağı", [C.AcceptanceReport], uncertain: true), Req("VIF", "Varlık İşlem Fişi", [C.AssetVoucher], uncertain: true)],
            [], requiresSpendingInstruction: false, isContractBased: true, isUncertain: true,
            note: "Madde düzeyinde ayrıntı kaynaklarda doğrulanmadı (UNCONFIRMED). Taahhüt dosyası ilk ödemede (R4)."),
        new(E.ServiceProgressPayment, "İhale ile Hizmet Alımı – Hakediş",
            [Req("HAKEDIS", "Hizmet İşleri Hakediş Raporu", C.ServiceProgressReport), Invoice()],
            [C.Contract], requiresSpendingInstruction: false, isContractBased: true,
            note: "Hakediş raporu ve fatura S14'e dayanır; ilk ödemede sözleşme/taahhüt dosyası doğrulanmadı (UNCONFIRMED)."),
        new(E.WorksProgressPayment, "Yapım İşi – Hakediş",
            [Req("HAKEDIS", "Yapım İşleri Hakediş Raporu", C.WorksProgressReport), Invoice()],
            [C.Contract, C.ProvisionalAcceptance, C.FinalAccount], requiresSpendingInstruction: false, isContractBased: true,
            note: "Hakediş raporu S14'e dayanır; ilk hakedişte sözleşme + taahhüt dosyası, son hakedişte geçici kabul/kesin hesap doğrulanmadı (UNCONFIRMED)."),
        new(E.TemporaryDutyTravel, "Yurtiçi Geçici Görev Yolluğu",
            [Req("GOREVLENDIRME", "Görevlendirme Yazısı veya Harcama Talimatı", [C.TravelAssignment, C.SpendingInstruction]),
             Req("BILDIRIM", "Geçici Görev Yolluğu Bildirimi", C.TemporaryDutyDeclaration)],
            [C.EInvoice, C.Invoice, C.LeaseContract, C.BankReceipt], requiresSpendingInstruction: false, isContractBased: false,
            note: "MYHBY md. 22 (S15). Konaklama faturası varsa eklenir; denetim elemanlarında kira sözleşmesi ve banka dekontu."),
        new(E.PermanentDutyTravel, "Yurtiçi Sürekli Görev Yolluğu",
            [Req("ATAMA", "Atama Onayı veya Harcama Talimatı", [C.AppointmentApproval, C.SpendingInstruction]),
             Req("BILDIRIM", "Sürekli Görev Yolluğu Bildirimi", C.PermanentDutyDeclaration)],
            [C.DistanceTable], requiresSpendingInstruction: false, isContractBased: false,
            note: "MYHBY md. 23 (S15). Yer resmi mesafe haritasında yoksa onaylı mesafe cetveli."),
        new(E.Salaries, "Personel Aylıkları",
            [Req("BORDRO", "Aylık Bordrosu", [C.Payroll], uncertain: true)],
            [C.StaffNotice, C.TransferNotice], requiresSpendingInstruction: false, isContractBased: false, isUncertain: true,
            note: "Belge listesi kaynaklarda doğrulanmadı (UNCONFIRMED)."),
        new(E.Rent, "Kira (Taşınmaz Kiralama)",
            [Req("KIRA", "Kira Sözleşmesi", [C.LeaseContract], uncertain: true), Req("HTOB", "Onay Belgesi / Harcama Talimatı", [C.SpendingInstruction, C.ApprovalDocument], uncertain: true)],
            [C.EInvoice, C.Invoice], requiresSpendingInstruction: false, isContractBased: false, isUncertain: true,
            note: "Kira sözleşmesinin aslı ilk ödemede, sonra onaylı örneği; liste doğrulanmadı (UNCONFIRMED)."),
    ];

    private static ExpenseType Utility(string code, string name) =>
        new(code, name, [Invoice()], [], requiresSpendingInstruction: false, isContractBased: false,
            note: "Muayene-kabul aranmaz (S13); MYS'de HTOB düzenlenmez, ÖEB doğrudan harcama yetkilisine gider (S9).");

    private static RequiredDocument Invoice(bool uncertain = false) => new("FATURA", InvoiceName, [C.EInvoice, C.Invoice], uncertain);

    private static RequiredDocument Req(string key, string name, string code) => new(key, name, [code]);

    private static RequiredDocument Req(string key, string name, string[] codes, bool uncertain = false) => new(key, name, codes, uncertain);
}
