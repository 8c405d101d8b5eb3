namespace Mys.Signing.Signatures.Validation;

/// <summary>Turkish messages for users, one per sub-indication.</summary>
public static class ValidationMessages
{
    public static string For(SubIndication subIndication) => subIndication switch
    {
        SubIndication.None => "İmza geçerli.",
        SubIndication.FormatFailure => "İmza biçim hatası: imza veya belge yapısı kurallara uymuyor.",
        SubIndication.HashFailure => "İmzalanan içerik değiştirilmiş (özet değeri tutmuyor).",
        SubIndication.SigCryptoFailure => "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı.",
        SubIndication.Revoked => "İmzalayan sertifika imza zamanından önce iptal edilmiş.",
        SubIndication.Expired => "İmzalayan sertifikanın süresi imza zamanında dolmuştu.",
        SubIndication.NotYetValid => "İmzalayan sertifika imza zamanında henüz geçerli değildi.",
        SubIndication.NoSigningCertificateFound => "İmzalayan sertifika bulunamadı veya imzaya bağlı değil.",
        SubIndication.NoCertificateChainFound => "Sertifika zinciri güvenilen bir kök sertifikaya ulaşmıyor.",
        SubIndication.TryLater => "Sertifika iptal durumu şu anda alınamadı (OCSP/SİL erişilemiyor); daha sonra yeniden deneyin.",
        SubIndication.RevokedNoPoe => "Sertifika iptal edilmiş; imzanın iptalden önce atıldığı zaman damgasıyla kanıtlanamıyor.",
        SubIndication.OutOfBoundsNoPoe => "Sertifika geçerlilik süresi dışında; imza zamanı zaman damgasıyla kanıtlanamıyor.",
        SubIndication.ChainConstraintsFailure => "Sertifika nitelikli elektronik sertifika koşullarını sağlamıyor.",
        SubIndication.SigConstraintsFailure => "İmza, doğrulama politikasının koşullarını sağlamıyor.",
        SubIndication.ChangeNotPermitted => "İmzadan sonra belgede izin verilmeyen bir değişiklik yapılmış.",
        _ => "Bilinmeyen doğrulama sonucu.",
    };

    /// <summary>
    /// The Turkish sentence for a finding "CODE: detail" (the decisive reason of a verdict); falls back to the
    /// sub-indication's message for codes without their own sentence.
    /// </summary>
    public static string Explain(string? finding, SubIndication subIndication)
    {
        if (finding is null)
        {
            return For(subIndication);
        }

        var colon = finding.IndexOf(':', StringComparison.Ordinal);
        var code = colon < 0 ? finding : finding[..colon];
        var sentence = code switch
        {
            "BYTE_RANGE_INVALID" => "İmza biçim hatası: imzanın kapsadığı bayt aralığı (/ByteRange) geçersiz veya imza değerinin (/Contents) yerini tam göstermiyor.",
            "BYTE_RANGE_NOT_AT_REVISION_END" => "İmza biçim hatası: imzanın kapsadığı bayt aralığı bir belge sürümünün sonunda bitmiyor (imza sarma saldırısı olabilir).",
            "CONTENTS_NOT_HEX" => "İmza biçim hatası: imza değeri (/Contents) onaltılık bir dizge değil.",
            "CMS_UNREADABLE" => "İmza biçim hatası: imza verisi (CMS) okunamadı.",
            "DIGEST_ALGORITHM_UNSUPPORTED" => "İmza biçim hatası: özet algoritması desteklenmiyor.",
            "MESSAGE_DIGEST_MISMATCH" => "İmzalanan içerik değiştirilmiş: belgenin özet değeri imzadaki değerle tutmuyor.",
            "SIGNATURE_VALUE_INVALID" => "İmza değeri sertifikanın açık anahtarıyla doğrulanamadı (imzalı öznitelikler değiştirilmiş veya imza sahte).",
            "DOCUMENT_TIMESTAMP_INVALID" => "Belge zaman damgası belgenin özet değeriyle tutmuyor veya okunamadı.",
            "PDF_UNREADABLE" => "PDF dosyası okunamadı; imzalar doğrulanamadı.",
            "PDF_ENCRYPTED_UNSUPPORTED" => "Şifrelenmiş PDF dosyaları doğrulanamıyor; imzalar doğrulanamadı.",
            "REVISION_INCOMPLETE" => "Belgenin bir sürümü yarım kalmış (kesik bir güncelleme); bazı PDF okuyucular imzalanmamış bu içeriği gösterebilir.",
            "UNSIGNED_BYTES_AFTER_LAST_REVISION" => "Belgenin son sürümünden sonra hiçbir imzanın kapsamadığı baytlar eklenmiş; bazı PDF okuyucular bu içeriği gösterebilir.",
            _ => null,
        };
        if (sentence is null)
        {
            return For(subIndication);
        }

        // The finding's detail ("94 bytes after offset 119436", a parser's exception text) is English for support and
        // stays in the findings (the report's JSON, the logs, the small code beside the sentence); people read the sentence.
        return sentence;
    }
}
