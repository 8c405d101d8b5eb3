using System.Globalization;

namespace Mys.Signing.Bridge;

/// <summary>The bridge's error catalogue. Codes are a public contract (docs/bridge-protocol.md): never rename.</summary>
public static class BridgeErrors
{
    public static BridgeError PinIncorrect(int? triesRemaining) => new(
        "AGENT_PIN_INCORRECT",
        "PIN hatalı.",
        triesRemaining switch
        {
            1 => "Son deneme hakkınız kaldı: bir kez daha yanlış girilirse kartınız kilitlenir. PIN'inizden emin değilseniz denemeyin.",
            { } n => string.Create(CultureInfo.InvariantCulture, $"PIN'inizi kontrol edip yeniden deneyin. Kalan deneme hakkı: {n}."),
            null => "PIN'inizi kontrol edip yeniden deneyin. Üst üste yanlış girişlerde kartınız kilitlenir.",
        },
        401,
        triesRemaining);

    public static BridgeError PinLocked() => new(
        "AGENT_PIN_LOCKED",
        "Kartınızın PIN'i kilitlendi.",
        "Kilidi Kamu SM çevrimiçi işlemler sayfasındaki \"Kilit Çözme\" adımıyla açın, ardından yeniden deneyin.",
        423,
        0);

    public static BridgeError PinInvalid() => new(
        "AGENT_PIN_INVALID",
        "PIN kart tarafından kabul edilmeyen bir biçimde.",
        "PIN'in uzunluğunu ve karakterlerini kontrol edip yeniden deneyin.",
        400);

    public static BridgeError PinExpired() => new(
        "AGENT_PIN_EXPIRED",
        "Kartınızın PIN'inin süresi dolmuş.",
        "Kart yazılımıyla PIN'inizi değiştirin, ardından yeniden deneyin.",
        409);

    public static BridgeError PinRequired() => new(
        "AGENT_PIN_REQUIRED",
        "PIN girilmedi.",
        "Kartınızın PIN'ini girip yeniden deneyin.",
        400);

    public static BridgeError TokenAbsent() => new(
        "AGENT_TOKEN_ABSENT",
        "Takılı bir akıllı kart bulunamadı.",
        "Kartı okuyucuya takın, okuyucunun bilgisayara bağlı olduğunu kontrol edip yeniden deneyin.",
        409);

    public static BridgeError SessionLost() => new(
        "AGENT_SESSION_LOST",
        "Kartla bağlantı kesildi.",
        "Kartı okuyucudan çıkarmadan işlemi yeniden deneyin.",
        409);

    public static BridgeError CertificateNotOnCard() => new(
        "AGENT_CERT_NOT_ON_CARD",
        "İmza için hazırlanan sertifika takılı kartlarda bulunamadı.",
        "İşlemi başlattığınız sertifikanın bulunduğu kartı takın ya da imzalamayı yeniden başlatıp takılı karttaki sertifikayı seçin.",
        409);

    public static BridgeError KeyNotFound() => new(
        "AGENT_KEY_NOT_FOUND",
        "Sertifikaya ait imza anahtarı kartta bulunamadı.",
        "Kart sürücünüzü kontrol edin; sorun sürerse sertifika sağlayıcınıza başvurun.",
        409);

    public static BridgeError BadDigest(string detail) => new(
        "AGENT_BAD_DIGEST",
        "İmzalanacak özet geçersiz: " + detail,
        "İmzalama işlemini sayfadan yeniden başlatın.",
        400);

    public static BridgeError UnsupportedAlgorithm() => new(
        "AGENT_UNSUPPORTED_ALGORITHM",
        "İstenen özet algoritması desteklenmiyor (desteklenenler: SHA-256, SHA-384).",
        "İmzalama işlemini sayfadan yeniden başlatın.",
        400);

    public static BridgeError BadRequest(string detail) => new(
        "AGENT_BAD_REQUEST",
        "İstek geçersiz: " + detail,
        "Sayfayı yenileyip işlemi yeniden başlatın.",
        400);

    public static BridgeError OriginRefused() => new(
        "AGENT_ORIGIN_REFUSED",
        "Bu sayfanın imza aracını kullanma izni yok.",
        "İmzalamayı yalnızca MYS adresinden yapın. Adres doğruysa imza aracının ayarlarına bu adresin eklenmesi gerekir.",
        403);

    public static BridgeError ModuleNotFound() => new(
        "AGENT_MODULE_NOT_FOUND",
        "Akıllı kart sürücüsü (PKCS#11 modülü) bulunamadı.",
        "Kartınızın sürücüsünü (örneğin AKİS) kurun ya da imza aracının ayarlarında modül yolunu belirtin.",
        503);

    public static BridgeError ModuleFailed() => new(
        "AGENT_MODULE_ERROR",
        "Akıllı kart sürücüsü başlatılamadı.",
        "Bilgisayarınızı yeniden başlatın; sorun sürerse kart sürücüsünü yeniden kurun.",
        503);

    public static BridgeError CardFailed(ulong returnValue) => new(
        "AGENT_CARD_ERROR",
        string.Create(CultureInfo.InvariantCulture, $"Kart işlemi başarısız oldu (CKR 0x{returnValue:X}). "),
        "Kartı çıkarıp yeniden takın ve tekrar deneyin; sorun sürerse bu kodu destek birimine bildirin.",
        502);

    public static BridgeError WrongSignature() => new(
        "AGENT_CARD_ERROR",
        "Kartın ürettiği imza sertifikadaki anahtarla doğrulanamadı.",
        "Kartı çıkarıp yeniden takın ve tekrar deneyin; sorun sürerse destek birimine başvurun.",
        502);

    public static BridgeError Busy() => new(
        "AGENT_BUSY",
        "İmza aracı başka bir kart işlemiyle meşgul.",
        "Diğer işlem bitince yeniden deneyin.",
        503);
}
