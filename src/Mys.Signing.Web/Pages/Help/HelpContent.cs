namespace Mys.Signing.Web.Pages.Help;

/// <summary>A help topic: a title, a short lead and numbered steps or paragraphs.</summary>
public sealed record HelpTopic(string Slug, string Title, string Lead, IReadOnlyList<string> Steps, IReadOnlyList<string> Notes);

/// <summary>What an error the signing pages can show means, and what to do about it.</summary>
public sealed record HelpError(string Code, string Meaning, string WhatToDo, string? Topic);

/// <summary>
/// The Turkish help texts (written for this system) and the link for every error code the signing pages show:
/// <c>/Yardim/hatalar#KOD</c>. A test checks that every code the smart-card agent can return has an entry.
/// </summary>
public static class HelpContent
{
    public const string ErrorsSlug = "hatalar";

    public static IReadOnlyList<HelpTopic> Topics { get; } =
    [
        new(
            "ajan-kurulumu",
            "İmza ajanını kurma",
            "E-imza, kartınızın takılı olduğu bilgisayarda çalışan küçük bir program (MYS İmza Ajanı) aracılığıyla atılır. Tarayıcı belgeyi değil, yalnızca imzalanacak özeti bu programa iletir; PIN'iniz bilgisayarınızdan çıkmaz.",
            [
                "Kart okuyucunuzun ve kartınızın sürücüsünü (ör. AKİS) kurumunuzun bilgi işlem biriminin verdiği kurulum paketinden yükleyin.",
                "MYS İmza Ajanı'nı bilgi işlem biriminizin yayımladığı adresten indirip çalıştırın. Windows'ta tek bir .exe, Linux'ta tek bir çalıştırılabilir dosyadır; ayrıca kurulum gerekmez.",
                "Ajan yalnızca bu bilgisayardan (127.0.0.1) gelen isteklere ve yalnızca MYS sunucusunun adresinden açılan sayfalara yanıt verir. Güvenlik duvarı uyarısı çıkarsa yalnızca yerel erişime izin verin.",
                "Tarayıcınız \"yerel ağdaki cihazlara erişim\" izni isterse MYS sayfası için izin verin; bu izin ajanın bulunabilmesi için gereklidir.",
                "İmza sayfasında ajan sürümü ve kartınızdaki sertifika görünüyorsa kurulum tamamdır.",
            ],
            [
                "Ajana tarayıcıdan ulaşılamıyorsa (ör. kurum ağı engelliyorsa) imza sayfası size tek kullanımlık bir doğrulama kodu gösterir; kodu ajana girerek imzayı yine de atabilirsiniz.",
                "Ajan, bilgisayarınızdaki başka bir imza programıyla çakışmaz; farklı bir bağlantı noktası kullanır.",
            ]),
        new(
            "ilk-imza",
            "İlk imzanızı atma",
            "Gerçekleştirme görevlisi ve harcama yetkilisi, kendilerine gönderilen ödeme emri belgelerini nitelikli elektronik sertifikalarıyla (NES) imzalar.",
            [
                "Kartınızı okuyucuya takın ve İmza Ajanı'nın çalıştığından emin olun.",
                "İmzanızı bekleyen ödeme emrini açın (ya da listede birden çok belge seçin) ve \"İmzala\"ya basın.",
                "Sayfa kartınızdaki sertifikaları gösterir: adınızı, T.C. kimlik numaranızı, sertifikayı veren kuruluşu ve geçerlilik bitiş tarihini kontrol edip kendi sertifikanızı seçin.",
                "İmzalanacak belgelerin özetini (belge numaraları, hak sahipleri, tutarlar) okuyun; yalnızca burada gördüğünüz belgeler imzalanır.",
                "PIN'inizi girin. PIN yalnızca bilgisayarınızdaki ajana ve oradan kartınıza gider; sunucuya gönderilmez, saklanmaz.",
                "İlerleme çubuğu her belgenin imzalandığını gösterir. Bir belgede sorun çıkarsa imzalananlar imzalı kalır, kalanlar eski hâlinde bekler ve sayfa hangilerinin kaldığını söyler.",
            ],
            [
                "Sertifikanızdaki T.C. kimlik numarası kullanıcı hesabınızdakiyle aynı olmalıdır; başkasının kartıyla imza atılamaz.",
            ]),
        new(
            "sertifika-yenileme",
            "NES sertifikanızı yenileme",
            "Nitelikli elektronik sertifikalar genellikle üç yıl geçerlidir. Süresi dolan sertifikayla imza atılamaz; yenilemeyi süre bitmeden en az bir ay önce başlatın.",
            [
                "Sertifikanızın bitiş tarihini imza sayfasında ya da \"İmzaya hazırlık\" kontrolünde görebilirsiniz; bitişe 60 gün kala sistem sizi uyarır.",
                "Yenileme başvurusunu sertifika hizmet sağlayıcınızın (kamu görevlileri için genellikle Kamu SM) çevrimiçi işlemler sayfasından yapın.",
                "Geçerli sertifikanız varsa başvuruyu mevcut kartınızla e-imzalayarak onaylayabilirsiniz. Sertifikanızın süresi dolmuşsa başvuruyu e-Devlet üzerinden e-onay ile tamamlayın.",
                "Yeni sertifika bitişten yaklaşık iki ay öncesinden itibaren üretilebilir; yeni kart size ulaştığında eski sertifika bitene kadar her ikisi de kullanılabilir.",
                "Yeni kartınızla ilk imzanızda sistem yeni sertifikayı hesabınıza kendiliğinden kaydeder.",
            ],
            [
                "Kurumunuzun kimlik yöneticisi, biriminde geçerli sertifikası olmayan imza yetkililerini bir panelde görür; kimsenin sertifikası habersiz bitmez.",
            ]),
        new(
            "pin-kilidi",
            "PIN kilidini açma",
            "PIN art arda üç kez yanlış girilirse kart kilitlenir ve kilit açılana kadar imza atılamaz.",
            [
                "Yanlış PIN uyarısında kalan deneme hakkınız gösterilir. Son hakkınız kaldıysa PIN'inizden emin olmadan yeniden denemeyin.",
                "Kart kilitlendiyse sertifika hizmet sağlayıcınızın çevrimiçi işlemler sayfasındaki \"Kilit Çözme\" adımını izleyin; kartınız takılıyken kimliğinizi doğrulayıp yeni PIN belirlersiniz.",
                "Kilidi açtıktan sonra imza sayfasını yenileyip işleminizi tekrarlayın.",
            ],
            [
                "PIN'inizi kimseyle paylaşmayın; MYS sizden PIN'inizi hiçbir zaman e-posta ya da telefonla istemez.",
            ]),
    ];

    public static IReadOnlyList<HelpError> Errors { get; } =
    [
        new("AGENT_UNREACHABLE", "İmza ajanına ulaşılamadı: program çalışmıyor, kurulu değil ya da tarayıcının yerel erişim izni verilmedi.", "İmza Ajanı'nı başlatın (kurulu değilse kurun), tarayıcı izin isterse verin ve sayfayı yenileyin. Olmazsa sayfanın gösterdiği doğrulama koduyla imzalayın.", "ajan-kurulumu"),
        new("AGENT_MODULE_NOT_FOUND", "Kart sürücüsü (PKCS#11 modülü) bulunamadı.", "Kart okuyucunuzun ve kartınızın sürücüsünü kurun, ardından ajanı yeniden başlatın.", "ajan-kurulumu"),
        new("AGENT_MODULE_ERROR", "Kart sürücüsü yüklendi ama çalıştırılamadı.", "Okuyucuyu çıkarıp yeniden takın, ajanı yeniden başlatın; sürmezse sürücüyü yeniden kurun.", "ajan-kurulumu"),
        new("AGENT_TOKEN_ABSENT", "Takılı bir kart bulunamadı ya da kart tanınmadı.", "Kartınızı okuyucuya doğru yönde takın, okuyucunun ışığını kontrol edin ve yeniden deneyin.", "ajan-kurulumu"),
        new("AGENT_SESSION_LOST", "İşlem sırasında kartla bağlantı koptu (kart çıkarılmış olabilir).", "Kartı yeniden takın ve imzayı tekrarlayın; imzalanmış belgeler imzalı kalır.", "ilk-imza"),
        new("AGENT_CERT_NOT_ON_CARD", "Sunucunun hazırladığı sertifika takılı kartta yok (başka bir kart takılı olabilir).", "Seçtiğiniz sertifikanın bulunduğu kartı takın ya da sertifika listesinden takılı karttakini seçin.", "ilk-imza"),
        new("AGENT_KEY_NOT_FOUND", "Kartta sertifikanın özel anahtarı bulunamadı.", "Kartınız bozulmuş ya da yanlış yazılmış olabilir; sertifika hizmet sağlayıcınıza başvurun.", "sertifika-yenileme"),
        new("AGENT_PIN_REQUIRED", "PIN girilmedi.", "PIN'inizi girip yeniden deneyin.", "ilk-imza"),
        new("AGENT_PIN_INCORRECT", "PIN hatalı. Kalan deneme hakkı mesajda gösterilir.", "PIN'inizi dikkatle yeniden girin. Son hakkınız kaldıysa emin olmadan denemeyin: kart kilitlenir.", "pin-kilidi"),
        new("AGENT_PIN_LOCKED", "Kartınızın PIN'i kilitlendi.", "Sertifika hizmet sağlayıcınızın \"Kilit Çözme\" işlemiyle kilidi açın.", "pin-kilidi"),
        new("AGENT_PIN_INVALID", "Girilen PIN kartın kabul ettiği biçimde değil (uzunluk ya da karakterler).", "PIN'in uzunluğunu kontrol edip yeniden girin.", "pin-kilidi"),
        new("AGENT_PIN_EXPIRED", "Kartın PIN'inin süresi dolmuş; değiştirilmesi gerekiyor.", "Kart yazılımınızla PIN'inizi değiştirip yeniden deneyin.", "pin-kilidi"),
        new("AGENT_BAD_DIGEST", "İmzalanacak özet geçersiz geldi.", "Sayfayı yenileyip imzayı yeniden başlatın; sürerse sistem yöneticinize bildirin.", null),
        new("AGENT_UNSUPPORTED_ALGORITHM", "Kartınızın anahtar türü ya da istenen özet algoritması desteklenmiyor.", "Sistem yöneticinize kartınızın türünü bildirin.", null),
        new("AGENT_BAD_REQUEST", "Ajana giden istek okunamadı.", "Sayfayı yenileyip yeniden deneyin; sürerse ajanın güncel sürümünü kurun.", "ajan-kurulumu"),
        new("AGENT_ORIGIN_REFUSED", "Ajan, isteğin geldiği sayfayı tanımadığı için isteği reddetti.", "MYS'ye her zamanki adresinden girin. Adres doğruysa ajanın ayarlarındaki izinli sunucu adresini bilgi işlem biriminize kontrol ettirin.", "ajan-kurulumu"),
        new("AGENT_BUSY", "Kart başka bir işlemle meşgul.", "Diğer imza işleminin bitmesini bekleyip yeniden deneyin.", null),
        new("AGENT_CARD_ERROR", "Kart beklenmeyen bir hata verdi ya da kartın ürettiği imza doğrulanamadı.", "Kartı çıkarıp takın ve yeniden deneyin; sürerse hata kodunu sistem yöneticinize iletin.", null),
        new("AGENT_OUTDATED", "Bilgisayarınızdaki İmza Ajanı'nın sürümü bu sayfanın gerektirdiğinden eski.", "İmza Ajanı'nın güncel sürümünü bilgi işlem biriminizin yayımladığı adresten indirip kurun, ardından sayfayı yenileyin.", "ajan-kurulumu"),
        new("SIGN_NO_CERTIFICATE", "Takılı kartta imza için kullanılabilecek (nitelikli, inkâr edilemezlik özellikli) bir sertifika bulunamadı.", "Nitelikli elektronik sertifikanızın bulunduğu kartı takın; kart doğruysa sertifikanızın süresini ve kartın sürücüsünü kontrol edin.", "sertifika-yenileme"),
        new("CERT_EXPIRED", "Seçtiğiniz sertifikanın geçerlilik süresi dolmuş; bu sertifikayla imza atılamaz.", "Sertifikanızı yenileyin; yeni kartınız gelene kadar imzayı vekiliniz atabilir.", "sertifika-yenileme"),
        new("CERT_NOT_YET_VALID", "Seçtiğiniz sertifika henüz geçerli değil.", "Bilgisayarınızın tarih ve saatini kontrol edin; sertifikanın başlangıç tarihinden sonra yeniden deneyin.", "sertifika-yenileme"),
        new("CERT_REVOKED", "Seçtiğiniz sertifika iptal edilmiş (ya da askıya alınmış).", "Bu sertifikayla imza atılamaz. Sertifika hizmet sağlayıcınıza başvurup yeni sertifika edinin.", "sertifika-yenileme"),
        new("CERT_NOT_QUALIFIED", "Seçtiğiniz sertifika nitelikli elektronik sertifika (NES) değil ya da inkâr edilemezlik özelliği yok; ödeme belgeleri yalnızca NES ile imzalanabilir.", "Kartınızdaki NES'i seçin (kimlik doğrulama sertifikası imza için kullanılamaz).", "ilk-imza"),
        new("CERT_TCKN_MISMATCH", "Seçtiğiniz sertifika başka bir kişiye ait: sertifikadaki T.C. kimlik numarası hesabınızdakiyle aynı değil.", "Kendi kartınızı takıp kendi sertifikanızı seçin. Başkasının kartıyla imza atılamaz.", "ilk-imza"),
        new("CERT_UNTRUSTED", "Seçtiğiniz sertifika tanınan bir sertifika hizmet sağlayıcısına zincirlenemedi.", "Kurumunuzun verdiği NES'i seçin; sorun sürerse sistem yöneticinize bildirin.", "ilk-imza"),
        new("CERT_REVOCATION_UNAVAILABLE", "Sertifikanın iptal durumu şu anda sorgulanamadı.", "Birkaç dakika sonra yeniden deneyin; sürerse sistem yöneticinize bildirin.", null),
        new("CERT_MALFORMED", "Karttan gelen sertifika okunamadı.", "Kartı çıkarıp yeniden takın ve sayfayı yenileyip yeniden deneyin.", "ajan-kurulumu"),
        new("CERT_KEY_USAGE", "Seçtiğiniz sertifika imza için değil (inkâr edilemezlik özelliği yok); kartlardaki kimlik doğrulama sertifikası imzada kullanılamaz.", "Listeden kartınızdaki nitelikli imza sertifikasını seçin.", "ilk-imza"),
        new("CERT_INVALID", "Seçtiğiniz sertifika doğrulanamadı.", "Mesajdaki nedeni okuyun; sertifikanız geçerliyse sistem yöneticinize bildirin.", "sertifika-yenileme"),
        new("SESSION_USED", "Bu imza oturumu zaten tamamlanmış; aynı oturumla ikinci kez imza kaydedilemez.", "ÖEB listesinde belgelerin durumuna bakın; imzalanmamış olanları yeniden imzalayın.", "ilk-imza"),
        new("SESSION_NOT_FOUND", "İmza oturumu bulunamadı.", "\"İmzala\"ya yeniden basın; sistem belgeleri yeniden hazırlar.", "ilk-imza"),
        new("SESSION_CERT_MISMATCH", "İmza, oturumun hazırlandığı sertifikadan farklı bir sertifikayla gönderildi.", "Sayfayı yenileyip aynı kartla yeniden imzalayın.", "ilk-imza"),
        new("NOTHING_TO_SIGN", "Seçilen belgelerin hiçbiri şu anda sizin imzanızla imzalanamıyor; nedenleri her belgenin satırında yazılı.", "ÖEB listesini yenileyip imzanızı bekleyen belgeleri seçin.", "ilk-imza"),
        new("SIGNATURE_COUNT", "Karttan gelen imza sayısı hazırlanan belge sayısıyla uyuşmuyor; hiçbir belge imzalanmadı.", "İmzayı yeniden başlatın; sürerse İmza Ajanı'nı güncelleyin.", "ajan-kurulumu"),
        new("BATCH_SIZE", "Bir seferde imzalanabilecek belge sayısı aşıldı.", "Daha az belge seçip yeniden deneyin.", null),
        new("UNAUTHENTICATED", "Oturumunuz sona ermiş.", "Yeniden giriş yapıp imzayı tekrarlayın; imzalanmış belgeler imzalı kalır.", null),
        new("FORBIDDEN", "İmza yetkiniz yok: yalnızca gerçekleştirme görevlisi ve harcama yetkilisi ÖEB imzalayabilir.", "Yetkiniz olması gerekiyorsa kimlik yöneticinize başvurun.", null),
        new("ANTIFORGERY", "Sayfanın güvenlik doğrulaması başarısız oldu (sayfa çok uzun süre açık kalmış olabilir).", "Sayfayı yenileyip yeniden deneyin.", null),
        new("SESSION_EXPIRED", "İmza oturumunun süresi (300 saniye) doldu ya da oturum zaten kullanıldı; bu oturumla imza kaydedilemez.", "\"İmzala\"ya yeniden basın: sistem belgeleri yeniden hazırlar. İmzalanmış belgeler imzalı kalır.", "ilk-imza"),
        new("SIGN_PARTIAL", "Belgelerin bir kısmı imzalandı, bir kısmı imzalanamadı. İmzalananlar imzalı kalır; imzalanamayanlar eski hâlinde bekler.", "Mesajda adı geçen imzalanmamış belgelerin nedenini okuyun, sorunu giderip yalnızca onları yeniden imzalayın.", "ilk-imza"),
        new("SIGN_STATE_CHANGED", "Belgelerden biri siz imzalarken değişti ya da başka biri tarafından işlem gördü.", "Listeyi yenileyip belgelerin güncel durumunu kontrol edin ve yeniden imzalayın.", null),
        new("SIGN_SERVER_UNREACHABLE", "MYS sunucusuna ulaşılamadı (ağ bağlantısı kesilmiş olabilir).", "Ağ bağlantınızı kontrol edip sayfayı yenileyin; belgelerin durumu ÖEB listesinde görünür.", null),
        new("SIGN_SERVER_ERROR", "Sunucu imza isteğini işleyemedi.", "Bir süre sonra yeniden deneyin; sürerse saati ve belge numaralarını sistem yöneticinize bildirin.", null),
        new("SIGN_UNEXPECTED_ITEMS", "Sunucu, imza sayfasında gösterilmeyen bir belgeyi imzaya hazırladı; güvenlik için hiçbir şey imzalanmadı.", "Sayfayı yenileyin ve yeniden deneyin; sürerse sistem yöneticinize hemen bildirin.", null),
    ];

    public static HelpTopic? Find(string? slug) => Topics.FirstOrDefault(t => t.Slug == slug);

    /// <summary>The help link for an error code, for the signing pages' messages.</summary>
    public static string LinkFor(string code) => $"/Yardim/{ErrorsSlug}#{code}";
}
