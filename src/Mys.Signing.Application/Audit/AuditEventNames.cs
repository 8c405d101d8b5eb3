namespace Mys.Signing.Application.Audit;

/// <summary>
/// The audit trail's event and record names as a person reads them. The trail itself keeps the stable English codes
/// (they are hashed into the chain and read by the export); only the page translates. An unknown code is shown as it
/// is, so a new event is never hidden.
/// </summary>
public static class AuditEventNames
{
    private static readonly Dictionary<string, string> Events = new(StringComparer.Ordinal)
    {
        ["Created"] = "Kayıt oluşturuldu",
        ["Updated"] = "Kayıt değiştirildi",
        ["Deleted"] = "Kayıt silindi",
        ["LoggedIn"] = "Giriş yapıldı",
        ["LoggedInWithCard"] = "E-imza ile giriş yapıldı",
        ["LoggedOut"] = "Çıkış yapıldı",
        ["LoginFailed"] = "Giriş başarısız",
        ["LoginThrottled"] = "Giriş geçici olarak engellendi",
        ["CardLoginRefused"] = "E-imza ile giriş reddedildi",
        ["SessionEnded"] = "Oturum sonlandırıldı",
        ["PasswordChanged"] = "Parola değiştirildi",
        ["PasswordChangeRefused"] = "Parola değişikliği reddedildi",
        ["PasswordReset"] = "Parola sıfırlandı",
        ["UserCreated"] = "Kullanıcı oluşturuldu",
        ["UserDeactivated"] = "Kullanıcı pasifleştirildi",
        ["RoleGranted"] = "Rol verildi",
        ["RoleRevoked"] = "Rol kaldırıldı",
        ["PaymentOrderSubmitted"] = "ÖEB imzaya gönderildi",
        ["PaymentOrderSigned"] = "ÖEB imzalandı",
        ["PaymentOrderAccepted"] = "ÖEB kabul edildi",
        ["PaymentOrderReturned"] = "ÖEB iade edildi",
        ["PaymentOrderNewVersionStarted"] = "ÖEB'nin yeni sürümü başlatıldı",
        ["PaymentOrderAttachmentUploaded"] = "ÖEB'ye ek yüklendi",
        ["PaymentOrderAttachmentRemoved"] = "ÖEB'den ek çıkarıldı",
        ["PaymentOrderInvoiceDetailsChanged"] = "Fatura bilgileri düzeltildi",
        ["AssetVoucherLinked"] = "Taşınır işlem fişi bağlandı",
        ["SpendingInstructionLinked"] = "Harcama talimatı bağlandı",
        ["SigningSessionCompleted"] = "İmza oturumu tamamlandı",
        ["SigningCodeIssued"] = "Doğrulama kodu verildi",
        ["SigningCodeClaimed"] = "Doğrulama kodu kullanıldı",
        ["SigningCodeCompleted"] = "Kodla imza tamamlandı",
        ["SigningCodeLookupLocked"] = "Kod denemeleri kilitlendi",
        ["CertificateRefused"] = "Sertifika reddedildi",
        ["ArchiveTimeStampAdded"] = "Arşiv zaman damgası eklendi",
        ["AuditExportDownloaded"] = "Denetim paketi indirildi",
        ["AuditExportPackagesBuilt"] = "Denetim paketleri hazırlandı",
        ["CatalogDocumentTypeChanged"] = "Belge türü değiştirildi",
        ["CatalogExpenseTypeChanged"] = "Ödeme türü değiştirildi",
        ["ScheduledJobStartedManually"] = "Zamanlanmış iş elle başlatıldı",
        ["InvoiceOcrRun"] = "Fatura okuma (OCR) çalıştı",
        ["ExpiredRowsPurged"] = "Süresi dolmuş kayıtlar temizlendi",
    };

    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal)
    {
        ["PaymentOrder"] = "ÖEB",
        ["MysUser"] = "Kullanıcı",
        ["RoleAssignment"] = "Rol ataması",
        ["Login"] = "Oturum açma",
        ["UserSession"] = "Oturum",
        ["SigningSession"] = "İmza oturumu",
        ["SigningCode"] = "Doğrulama kodu",
        ["SigningCodeThrottle"] = "Kod deneme sınırı",
        ["SignedPaymentOrderDocument"] = "İmzalı ÖEB belgesi",
        ["SignerCertificate"] = "Sertifika",
        ["DocumentType"] = "Belge türü",
        ["ExpenseType"] = "Ödeme türü",
        ["AccountingUnit"] = "Muhasebe birimi",
        ["SpendingUnit"] = "Harcama birimi",
        ["ScheduledJob"] = "Zamanlanmış iş",
        ["AuditExport"] = "Denetim paketi",
        ["Ocr"] = "Fatura okuma",
        ["Maintenance"] = "Bakım",
        ["Payee"] = "Hak sahibi",
        ["AccountingLine"] = "Muhasebe satırı",
        ["SupportingDocument"] = "Ek belge",
        ["Institution"] = "Kurum",
        ["DocumentTypeRow"] = "Belge türü",
        ["ExpenseTypeRow"] = "Ödeme türü",
        ["DataProtectionKey"] = "Oturum anahtarı",
        ["StructuredDocumentRecord"] = "Yapılandırılmış belge",
        ["Notification"] = "Bildirim",
        ["CertificateReminder"] = "Sertifika hatırlatması",
        ["InvoiceOcrResult"] = "Fatura okuma sonucu",
        ["AuditExportPackage"] = "Denetim paketi",
    };

    private static readonly Dictionary<string, string> Actors = new(StringComparer.Ordinal)
    {
        ["system"] = "Sistem",
        ["migrator"] = "Veritabanı kurulumu",
    };

    /// <summary>Every event code with its Turkish name, for the page's event filter (sorted by the Turkish name).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
        [.. Events.OrderBy(e => e.Value, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("tr-TR"), false))];

    public static bool IsKnown(string action) => Events.ContainsKey(action);

    /// <summary>"Rol verildi" for RoleGranted; the code itself when it has no Turkish name yet.</summary>
    public static string EventName(string action) => Events.GetValueOrDefault(action) ?? action;

    /// <summary>Who acted when no person did: "Sistem" for the system's own work (jobs, demo data), the name as stored otherwise.</summary>
    public static string ActorName(string userName) => Actors.GetValueOrDefault(userName) ?? userName;

    /// <summary>"ÖEB" for PaymentOrder; the type name itself when it has no Turkish name yet.</summary>
    public static string RecordName(string entityType) => Records.GetValueOrDefault(entityType) ?? entityType;
}
