namespace Mys.Signing.Application.Verification;

/// <summary>
/// The Turkish sentence for every finding code the validator writes ("CODE" or "CODE: detail"; docs/ui-words.md). Pages
/// and the report show the sentence and keep the code small beside it for support; the English detail after the colon
/// stays in the report's JSON and the logs. Architecture: the validator (Signatures) knows no Turkish wording of its
/// findings beyond the decisive reason; this table is the one place a person's words for them live.
/// </summary>
public static class FindingWords
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        // The PDF's structure and byte ranges.
        ["BYTE_RANGE_INVALID"] = "İmzanın kapsadığı bayt aralığı (/ByteRange) geçersiz.",
        ["BYTE_RANGE_NOT_AT_REVISION_END"] = "İmzanın kapsadığı bayt aralığı bir belge sürümünün sonunda bitmiyor.",
        ["CONTENTS_NOT_HEX"] = "İmza değeri (/Contents) onaltılık bir dizge değil.",
        ["PDF_UNREADABLE"] = "PDF dosyasının yapısı bozuk ya da onarılarak okundu.",
        ["PDF_ENCRYPTED_UNSUPPORTED"] = "Şifrelenmiş PDF dosyaları doğrulanamıyor.",
        ["REVISION_INCOMPLETE"] = "Belgenin bir sürümü yarım kalmış (kesik bir güncelleme).",
        ["UNSIGNED_BYTES_AFTER_LAST_REVISION"] = "Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı baytlar eklenmiş.",
        ["NO_SIGNATURE"] = "Belgede imza bulunamadı.",
        ["SUBFILTER_UNSUPPORTED"] = "İmzanın biçimi (/SubFilter) desteklenmiyor.",
        ["ATTACHMENT_TABLE_UNREADABLE"] = "Belgedeki imzalı ekler tablosu okunamadı.",

        // The CMS signature itself.
        ["CMS_EMPTY"] = "İmza verisi (CMS) boş.",
        ["CMS_UNREADABLE"] = "İmza verisi (CMS) okunamadı.",
        ["CMS_CONTENT_NOT_DETACHED"] = "İmza, imzalanan içeriği ayrık (detached) olarak değil kendi içinde taşıyor.",
        ["CMS_CONTENT_MISSING"] = "İmzalanan içerik bulunamadı.",
        ["DIGEST_ALGORITHM_UNSUPPORTED"] = "İmzanın özet algoritması desteklenmiyor.",
        ["WEAK_DIGEST_ALGORITHM"] = "İmzada zayıf bir özet algoritması (ör. SHA-1) kullanılmış.",
        ["MESSAGE_DIGEST_MISMATCH"] = "İmzalanan içerik değiştirilmiş: belgenin özet değeri imzadaki değerle tutmuyor.",
        ["ENCAPSULATED_DIGEST_MISMATCH"] = "İmzanın taşıdığı içerik, imzalanan özetle tutmuyor.",
        ["SIGNATURE_ALGORITHM_UNSUPPORTED"] = "İmza algoritması desteklenmiyor.",
        ["SIGNATURE_VALUE_INVALID"] = "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı.",
        ["SIGNER_CERTIFICATE_MISSING"] = "İmzalayanın sertifikası imzada bulunamadı.",
        ["SIGNING_CERTIFICATE_MISMATCH"] = "İmzadaki sertifika bağlantısı (signing-certificate) imzalayanın sertifikasıyla tutmuyor.",
        ["SIGNING_CERTIFICATE_V2_MISMATCH"] = "İmzadaki sertifika bağlantısı (signing-certificate-v2) imzalayanın sertifikasıyla tutmuyor.",
        ["SIGNING_CERTIFICATE_ATTRIBUTE_MALFORMED"] = "İmzadaki sertifika bağlantısı özniteliği bozuk.",

        // Time-stamps.
        ["TIMESTAMP_INVALID"] = "İmzanın zaman damgası okunamadı ya da geçersiz.",
        ["TIMESTAMP_IMPRINT_MISMATCH"] = "Zaman damgası imza değerinin özetiyle tutmuyor.",
        ["TIMESTAMP_DIGEST_ALGORITHM_UNSUPPORTED"] = "Zaman damgasının özet algoritması desteklenmiyor.",
        ["TIMESTAMP_CERTIFICATE_MISSING"] = "Zaman damgası sunucusunun sertifikası zaman damgasında yok.",
        ["TIMESTAMP_UNTRUSTED"] = "Zaman damgası güvenilen bir zaman damgası sunucusundan gelmiyor.",
        ["TSA_CHAIN_NOT_TRUSTED"] = "Zaman damgası sunucusunun sertifika zinciri güvenilen bir kök sertifikaya ulaşmıyor.",
        ["DOCUMENT_TIMESTAMP_INVALID"] = "Belge zaman damgası belgenin özet değeriyle tutmuyor veya okunamadı.",

        // The signer's certificate and its chain.
        ["CHAIN_NOT_TRUSTED"] = "Sertifika zinciri güvenilen bir kök sertifikaya ulaşmıyor.",
        ["CERTIFICATE_NOT_YET_VALID"] = "İmzalayan sertifika imza zamanında henüz geçerli değildi.",
        ["CERTIFICATE_EXPIRED"] = "İmzalayan sertifikanın süresi imza zamanında dolmuştu.",
        ["CERTIFICATE_REVOKED"] = "İmzalayan sertifika iptal edilmiş.",
        ["REVOKED_AFTER_SIGNING"] = "İmzalayan sertifika imzadan sonra iptal edilmiş; imza, iptalden önce atıldığı için geçerlidir.",
        ["NOT_QUALIFIED"] = "Sertifika nitelikli elektronik sertifika (NES) değil.",
        ["KEY_USAGE_NON_REPUDIATION_MISSING"] = "Sertifikanın anahtar kullanımında inkâr edilemezlik (non-repudiation) yok.",
        ["REVOCATION_DATA_UNAVAILABLE"] = "Sertifikanın iptal durumu alınamadı (OCSP/SİL erişilemiyor).",
        ["REVOCATION_STATUS_UNKNOWN"] = "OCSP sunucusu sertifikanın iptal durumunu bilmiyor.",
        ["CA_REVOCATION_DATA_UNAVAILABLE"] = "Ara sertifikanın iptal durumu alınamadı.",
        ["CA_CERTIFICATE_REVOKED"] = "Zincirdeki bir ara sertifika iptal edilmiş.",

        // Changes after signing.
        ["PERMITTED_CHANGE"] = "İmzadan sonra izin verilen bir değişiklik yapılmış (sonraki imza, doğrulama verisi veya zaman damgası).",
        ["CERTIFICATION_NO_CHANGES_PERMITTED"] = "Onay imzası hiçbir değişikliğe izin vermediği hâlde belge değiştirilmiş.",
        ["FIELD_LOCKED"] = "İmzanın kilitlediği bir form alanı imzadan sonra değiştirilmiş.",
        ["TRAILER_ROOT_CHANGED"] = "İmzadan sonra belgenin kök nesnesi değiştirilmiş.",
        ["PAGE_ADDED"] = "İmzadan sonra belgeye sayfa eklenmiş.",
        ["PAGE_REMOVED"] = "İmzadan sonra belgeden sayfa çıkarılmış.",
        ["PAGES_REORDERED"] = "İmzadan sonra sayfaların sırası değiştirilmiş.",
        ["PAGE_CONTENT_CHANGED"] = "İmzadan sonra bir sayfanın içeriği değiştirilmiş.",
        ["RESOURCES_CHANGED"] = "İmzadan sonra sayfa kaynakları (yazı tipleri, resimler) değiştirilmiş.",
        ["CATALOG_CHANGED"] = "İmzadan sonra belge kataloğu değiştirilmiş.",
        ["ACTION_ADDED"] = "İmzadan sonra belgeye açılınca çalışan bir eylem (ör. JavaScript) eklenmiş.",
        ["OBJECT_OVERRIDDEN"] = "İmzadan sonra imzalanmış bir nesnenin yerine başka bir nesne yazılmış.",
        ["FORM_RESOURCES_CHANGED"] = "Form kaynakları (/DR) güncellenmiş.",
        ["FORM_SETTINGS_UPDATED"] = "Form ayarları güncellenmiş.",
        ["FORM_FIELD_CHANGED"] = "İmzadan sonra bir form alanı eklenmiş ya da değiştirilmiş.",
        ["VALIDATION_DATA_UPDATED"] = "Doğrulama verileri (/DSS) eklenmiş ya da güncellenmiş.",
        ["STRUCTURE_UPDATED"] = "Belgenin erişilebilirlik yapısı (etiketler) güncellenmiş.",
        ["SIGNATURE_FIELD_ADDED"] = "Belgeye imza alanı eklenmiş.",
        ["SIGNATURE_FIELD_SIGNED"] = "Belgedeki bir imza alanı imzalanmış.",
        ["SIGNATURE_FIELD_APPEARANCE"] = "Bir imza alanının görünümü güncellenmiş.",
        ["SIGNATURE_DICTIONARY_CHANGED"] = "İmzadan sonra bir imzanın sözlüğü değiştirilmiş.",
        ["ANNOTATION_ADDED"] = "İmzadan sonra belgeye açıklama (not, işaret) eklenmiş.",
        ["ANNOTATION_REMOVED"] = "İmzadan sonra belgeden bir açıklama ya da alan çıkarılmış.",
        ["ANNOTATION_CHANGED"] = "İmzadan sonra bir açıklama değiştirilmiş.",

        // The verdicts' own names (ETSI EN 319 102-1 sub-indications) and the attachment checks.
        ["FORMAT_FAILURE"] = "İmza biçim hatası: imza veya belge yapısı kurallara uymuyor.",
        ["HASH_FAILURE"] = "İmzalanan içerik değiştirilmiş (özet değeri tutmuyor).",
        ["SIG_CRYPTO_FAILURE"] = "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı.",
        ["NOT_YET_VALID"] = "İmzalayan sertifika imza zamanında henüz geçerli değildi.",
        ["NO_SIGNING_CERTIFICATE_FOUND"] = "İmzalayan sertifika bulunamadı veya imzaya bağlı değil.",
        ["NO_CERTIFICATE_CHAIN_FOUND"] = "Sertifika zinciri güvenilen bir kök sertifikaya ulaşmıyor.",
        ["TRY_LATER"] = "Sertifika iptal durumu şu anda alınamadı; daha sonra yeniden deneyin.",
        ["REVOKED_NO_POE"] = "Sertifika iptal edilmiş; imzanın iptalden önce atıldığı kanıtlanamıyor.",
        ["OUT_OF_BOUNDS_NO_POE"] = "Sertifika geçerlilik süresi dışında; imza zamanı kanıtlanamıyor.",
        ["CHAIN_CONSTRAINTS_FAILURE"] = "Sertifika nitelikli elektronik sertifika koşullarını sağlamıyor.",
        ["SIG_CONSTRAINTS_FAILURE"] = "İmza, doğrulama politikasının koşullarını sağlamıyor.",
        ["CHANGE_NOT_PERMITTED"] = "İmzadan sonra belgede izin verilmeyen bir değişiklik yapılmış.",
        ["NOT_LISTED"] = "Ek, imzalı ekler tablosunda yok.",
        ["SIGNED_HASH_MISSING"] = "Ekin imzalı özeti eksik.",
    };

    /// <summary>Every code this table explains.</summary>
    public static IReadOnlyCollection<string> Codes => Sentences.Keys;

    /// <summary>The code of a finding: "PAGE_ADDED: page 2" → "PAGE_ADDED".</summary>
    public static string CodeOf(string finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var colon = finding.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? finding : finding[..colon]).Trim();
    }

    /// <summary>The Turkish sentence for a finding or its code; a general sentence for a code not (yet) in the table.</summary>
    public static string Sentence(string finding) =>
        Sentences.TryGetValue(CodeOf(finding), out var sentence) ? sentence : "Doğrulamada bir bulgu kaydedildi.";

    // The validator's reason often words the same finding with its numbers ("… kapsamadığı 94 bayt eklenmiş"), so a
    // sentence counts as said when the reason already holds its opening words, not only the whole sentence.
    private static bool AlreadySays(string alreadySaid, string sentence)
    {
        var trimmed = sentence.TrimEnd('.');
        if (alreadySaid.Contains(trimmed, StringComparison.Ordinal))
        {
            return true;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= OpeningWords && alreadySaid.Contains(string.Join(' ', words.Take(OpeningWords)), StringComparison.Ordinal);
    }

    private const int OpeningWords = 5;

    /// <summary>Whether the table has the code's own sentence.</summary>
    public static bool Explains(string code) => Sentences.ContainsKey(code);

    /// <summary>
    /// The findings as people read them: their sentences (each once, leaving out what <paramref name="alreadySaid"/>
    /// already tells) and then the codes for support, "… (kod: PAGE_ADDED, PERMITTED_CHANGE)"; empty without findings.
    /// </summary>
    public static string Explain(IEnumerable<string> findings, string? alreadySaid = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var list = findings.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (list.Count == 0)
        {
            return string.Empty;
        }

        var sentences = list.Select(Sentence).Distinct(StringComparer.Ordinal)
            .Where(s => alreadySaid is null || !AlreadySays(alreadySaid, s));
        var codes = list.Select(CodeOf).Distinct(StringComparer.Ordinal);
        return string.Join(' ', sentences.Append($"(kod: {string.Join(", ", codes)})"));
    }
}
