namespace Mys.Signing.Signatures.Validation;

/// <summary>Turkish messages for users, one per sub-indication.</summary>
public static class ValidationMessages
{
    public static string For(SubIndication subIndication) => subIndication switch
    {
        SubIndication.None => "İmza geçerli.",
        SubIndication.FormatFailure => "İmza biçimi hatalı veya imzadan sonra belgede izin verilmeyen bir değişiklik yapılmış.",
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
        _ => "Bilinmeyen doğrulama sonucu.",
    };
}
