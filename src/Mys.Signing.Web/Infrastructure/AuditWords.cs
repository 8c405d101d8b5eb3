using System.Collections.Frozen;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// The Turkish names of the audit log's event names and record kinds (the one table; the log itself keeps the stable
/// English names, which the page shows small beside the Turkish one for support).
/// </summary>
public static class AuditWords
{
    private static readonly FrozenDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Created"] = "Kayıt oluşturuldu",
        ["Updated"] = "Kayıt değiştirildi",
        ["Deleted"] = "Kayıt silindi",
        ["ArchiveTimeStampAdded"] = "Arşiv zaman damgası eklendi",
        ["AssetVoucherLinked"] = "Varlık işlem fişi bağlandı",
        ["AuditExportDownloaded"] = "Denetim paketi indirildi",
        ["AuditExportPackagesBuilt"] = "Denetim paketleri hazırlandı",
        ["CardLoginRefused"] = "E-imzayla giriş reddedildi",
        ["CatalogDocumentTypeChanged"] = "Belge türü değiştirildi",
        ["CatalogExpenseTypeChanged"] = "Ödeme türü değiştirildi",
        ["CertificateRefused"] = "Sertifika reddedildi",
        ["ExpiredRowsPurged"] = "Süresi dolan kayıtlar temizlendi",
        ["InvoiceOcrRun"] = "Fatura görüntüsü okundu (OCR)",
        ["LoggedIn"] = "Giriş yaptı",
        ["LoggedInWithCard"] = "E-imzayla giriş yaptı",
        ["LoggedOut"] = "Çıkış yaptı",
        ["LoginFailed"] = "Giriş başarısız",
        ["PasswordChangeRefused"] = "Parola değişikliği reddedildi",
        ["PasswordChanged"] = "Parola değiştirildi",
        ["PasswordReset"] = "Parola sıfırlandı",
        ["PaymentOrderAccepted"] = "ÖEB kayda alındı",
        ["PaymentOrderAttachmentRemoved"] = "ÖEB'den belge çıkarıldı",
        ["PaymentOrderAttachmentUploaded"] = "ÖEB'ye belge eklendi",
        ["PaymentOrderInvoiceDetailsChanged"] = "Fatura bilgileri değiştirildi",
        ["PaymentOrderNewVersionStarted"] = "ÖEB'nin yeni sürümü başlatıldı",
        ["PaymentOrderReturned"] = "ÖEB iade edildi",
        ["PaymentOrderSigned"] = "ÖEB imzalandı",
        ["PaymentOrderSubmitted"] = "ÖEB imzaya gönderildi",
        ["RoleGranted"] = "Rol verildi",
        ["RoleRevoked"] = "Rol geri alındı",
        ["ScheduledJobStartedManually"] = "Zamanlanmış iş elle başlatıldı",
        ["SessionEnded"] = "Oturum sonlandırıldı",
        ["SigningCodeClaimed"] = "Doğrulama kodu İmza Ajanı'nda girildi",
        ["SigningCodeCompleted"] = "Doğrulama koduyla imzalandı",
        ["SigningCodeFailed"] = "Doğrulama koduyla imza başarısız",
        ["SigningCodeIssued"] = "Doğrulama kodu verildi",
        ["SigningCodeLookupLocked"] = "Doğrulama kodu denemeleri kilitlendi",
        ["SigningSessionCompleted"] = "İmza oturumu tamamlandı",
        ["SpendingInstructionLinked"] = "Harcama talimatı bağlandı",
        ["UserCreated"] = "Kullanıcı oluşturuldu",
        ["UserDeactivated"] = "Kullanıcı devre dışı bırakıldı",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Records = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AccountingUnit"] = "Muhasebe birimi",
        ["AuditExport"] = "Denetim paketi",
        ["DocumentType"] = "Belge türü",
        ["DocumentTypeRow"] = "Belge türü",
        ["ExpenseType"] = "Ödeme türü",
        ["ExpenseTypeRow"] = "Ödeme türü",
        ["Institution"] = "Kurum",
        ["Login"] = "Giriş",
        ["LoginChallenge"] = "E-imzayla giriş isteği",
        ["LoginThrottle"] = "Giriş deneme sınırı",
        ["Maintenance"] = "Bakım",
        ["MysUser"] = "Kullanıcı",
        ["Ocr"] = "OCR",
        ["PaymentOrder"] = "ÖEB",
        ["RoleAssignment"] = "Rol ataması",
        ["ScheduledJob"] = "Zamanlanmış iş",
        ["SignedPaymentOrderDocument"] = "İmzalı ÖEB belgesi",
        ["SignerCertificate"] = "İmzacı sertifikası",
        ["SigningCode"] = "Doğrulama kodu",
        ["SigningCodeThrottle"] = "Doğrulama kodu deneme sınırı",
        ["SigningSession"] = "İmza oturumu",
        ["SpendingUnit"] = "Harcama birimi",
        ["StructuredDocumentRecord"] = "Yapılandırılmış belge",
        ["SupportingDocument"] = "Ek belge",
        ["UserSession"] = "Oturum",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The event's Turkish name; an event without one reads "İşlem" (its code shown beside it).</summary>
    public static string Action(string action) => Actions.GetValueOrDefault(action, "İşlem");

    /// <summary>The record kind's Turkish name; one without a name reads "Kayıt" (its code shown beside it).</summary>
    public static string Record(string entityType) => Records.GetValueOrDefault(entityType, "Kayıt");

    /// <summary>Whether every event the code records has a Turkish name (a test checks the sources against it).</summary>
    public static bool Knows(string action) => Actions.ContainsKey(action);
}
