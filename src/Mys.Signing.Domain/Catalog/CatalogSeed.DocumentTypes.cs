using C = Mys.Signing.Domain.Catalog.DocumentTypeCodes;
using S = Mys.Signing.Domain.Catalog.DocumentSource;

namespace Mys.Signing.Domain.Catalog;

/// <summary>
/// The starting catalogue (domain.md §2, guideline arts. 3–9), as data for the persistence layer to store.
/// Entries resting on sources marked UNCONFIRMED say so in their note or flag.
/// </summary>
public static partial class CatalogSeed
{
    private static readonly S[] Unstructured = [S.ElectronicallyProduced, S.Integration, S.Scan];

    public static IReadOnlyList<DocumentType> DocumentTypes() =>
    [
        new(C.SpendingInstruction, "Harcama Talimatı Onay Belgesi", isStructured: true, [S.SystemProduced]),
        new(C.AssetVoucher, "Varlık İşlem Fişi", isStructured: true, [S.SystemProduced],
            note: "Taşınır İşlem Fişi ailesi; alanları ve hukuki dayanağı kaynaklarda doğrulanmadı (UNCONFIRMED)."),
        new(C.EInvoice, "e-Fatura", isStructured: true, [S.EFaturaLink], isInvoice: true),
        new(C.Invoice, "Fatura (e-Arşiv / kâğıt)", isStructured: false, [S.Scan], isInvoice: true),
        new(C.CommitmentFile, "Taahhüt Dosyası", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true, isCommitmentFile: true),
        new(C.ApprovalDocument, "Onay Belgesi (İhale / Doğrudan Temin)", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.MarketResearch, "Piyasa Fiyat Araştırması Tutanağı", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.Contract, "Sözleşme", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.AcceptanceReport, "Muayene ve Kabul Komisyonu Tutanağı / İdare Kabul Belgesi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.ServiceProgressReport, "Hizmet İşleri Hakediş Raporu", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.WorksProgressReport, "Yapım İşleri Hakediş Raporu", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.ProvisionalAcceptance, "Geçici Kabul Tutanağı", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.FinalAccount, "Kesin Hesap", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true, note: "Kaynaklarda doğrulanmadı (UNCONFIRMED)."),
        new(C.TravelAssignment, "Görevlendirme Yazısı", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.TemporaryDutyDeclaration, "Geçici Görev Yolluğu Bildirimi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.PermanentDutyDeclaration, "Sürekli Görev Yolluğu Bildirimi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.AppointmentApproval, "Atama Onayı", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.DistanceTable, "Onaylı Mesafe Cetveli", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.BankReceipt, "Banka Dekontu", isStructured: false, Unstructured),
        new(C.Payroll, "Aylık Bordrosu", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.StaffNotice, "Personel Bildirimi / Değişiklik Bildirimi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.TransferNotice, "Nakil Bildirimi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
        new(C.LeaseContract, "Kira Sözleşmesi", isStructured: false, Unstructured, mustBeSignedBeforeAttaching: true),
    ];

    /// <summary>The seeded catalogue, ready for the rules.</summary>
    public static DocumentCatalog Catalog() => new(DocumentTypes(), ExpenseTypes());
}
