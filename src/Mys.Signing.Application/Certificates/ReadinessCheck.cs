using System.Globalization;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Certificates;

namespace Mys.Signing.Application.Certificates;

/// <summary>One line of the readiness check: green (ok), amber (ok, but act soon) or red, with the next step and a help link.</summary>
public sealed record ReadinessLine(string Key, string Label, string State, string Detail, string? NextStep, string? Help)
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Bad = "bad";
}

public sealed record ReadinessResult(IReadOnlyList<ReadinessLine> Lines, bool Ready, bool Registered);

/// <summary>
/// The server half of the readiness check: the certificate the agent listed and the user chose is checked with the
/// signature validator's certificate checks (chain, validity, revocation, qualified, nonRepudiation), its TCKN is
/// compared with the user's, and it is recorded in the register when it is theirs.
/// </summary>
public sealed class ReadinessCheck(CertificateTrust trust, CertificateRegister register, TimeProvider clock, ILogger<ReadinessCheck> logger)
{
    public async Task<ReadinessResult> CheckAsync(Guid userId, string userTckn, byte[] certificateDer, CancellationToken ct)
    {
        var facts = CertificateFacts.TryRead(certificateDer);
        if (facts is null)
        {
            logger.LogWarning("Readiness check for user {UserId}: the certificate could not be read", userId);
            return new ReadinessResult([new("certificate", "Sertifika", ReadinessLine.Bad, "Seçilen sertifika okunamadı.", "Kartı çıkarıp takın ve sertifikayı yeniden seçin.", ErrorHelp("CERT_MALFORMED"))], false, false);
        }

        var report = await trust.Validator(clock).CheckSigningCertificateAsync(certificateDer, trust.Intermediates, ct);
        var findings = report.Findings;
        bool Has(string code) => findings.Any(f => f.StartsWith(code, StringComparison.Ordinal));
        var now = clock.GetUtcNow();
        var days = SignerCertificateStatus.DaysBetween(now, facts.NotAfter);
        var untrusted = Has("CHAIN_NOT_TRUSTED");

        var lines = new List<ReadinessLine>
        {
            untrusted
                ? Bad("chain", "Sertifika zinciri", "Sertifikayı veren kuruluş güvenilen bir kök sertifikaya bağlanamadı.", "Kamu SM gibi yetkili bir hizmet sağlayıcıdan alınmış NES'inizi seçin.", "CERT_UNTRUSTED")
                : Ok("chain", "Sertifika zinciri", "Güvenilen kök: " + report.Chain.LastOrDefault()?.Subject),
            report.Qualified
                ? Ok("qualified", "Nitelikli elektronik sertifika (NES)", "Sertifika nitelikli.")
                : Bad("qualified", "Nitelikli elektronik sertifika (NES)", "Bu sertifika nitelikli elektronik sertifika değil.", "Ödeme belgeleri yalnızca NES ile imzalanabilir; kartınızdaki NES'i seçin.", "CERT_NOT_QUALIFIED"),
            report.NonRepudiation
                ? Ok("keyUsage", "İmza anahtar kullanımı", "Sertifika imza için (inkâr edilemezlik) düzenlenmiş.")
                : Bad("keyUsage", "İmza anahtar kullanımı", "Sertifika imza için (inkâr edilemezlik) düzenlenmemiş; örneğin kimlik doğrulama sertifikası seçilmiş.", "Kartınızdaki imza sertifikasını seçin.", "CERT_KEY_USAGE"),
            now < facts.NotBefore
                ? Bad("validity", "Geçerlilik", "Sertifika henüz geçerli değil (başlangıç: " + Day(facts.NotBefore) + ").", "Başlangıç tarihinden sonra yeniden deneyin ya da geçerli sertifikanızı seçin.", "CERT_NOT_YET_VALID")
                : now >= facts.NotAfter
                    ? Bad("validity", "Geçerlilik", "Sertifikanın süresi " + Day(facts.NotAfter) + " tarihinde dolmuş.", "Sertifikanızı yenileyin; yeni kartınız gelene kadar imza atamazsınız.", "CERT_EXPIRED")
                    : Ok("validity", "Geçerlilik", "Geçerli: " + Day(facts.NotBefore) + " – " + Day(facts.NotAfter)),
            Expiry(days),
            Revocation(untrusted, Has),
            string.Equals(report.Tckn, userTckn, StringComparison.Ordinal)
                ? Ok("tckn", "T.C. kimlik no", "Sertifika size ait.")
                : Bad("tckn", "T.C. kimlik no", "Sertifikadaki T.C. kimlik numarası sizinkiyle aynı değil.", "Kendi kartınızı takın ve kendi sertifikanızı seçin.", "CERT_TCKN_MISMATCH"),
        };

        var registered = (await register.RecordAsync(userId, certificateDer, CertificateSource.ReadinessCheck, ct)).IsSuccess;
        var ready = lines.All(l => l.State != ReadinessLine.Bad);
        logger.LogInformation("Readiness check for user {UserId}, certificate {Sha256}: {Verdict} ({Failed})", userId, facts.Sha256, ready ? "ready" : "not ready",
            string.Join(",", lines.Where(l => l.State == ReadinessLine.Bad).Select(l => l.Key)));
        return new ReadinessResult(lines, ready, registered);
    }

    private static ReadinessLine Expiry(int days) => days switch
    {
        < 0 => Bad("expiry", "Kalan süre", "Süre dolmuş.", "Yenileme başvurusunu e-Devlet üzerinden e-onay ile yapın.", "CERT_EXPIRED"),
        <= SignerCertificateStatus.UrgentDays => Warn("expiry", "Kalan süre", $"{days} gün kaldı.", "Yenileme başvurusunu hemen yapın.", "sertifika-yenileme"),
        <= SignerCertificateStatus.WarningDays => Warn("expiry", "Kalan süre", $"{days} gün kaldı.", "Yenileme başvurusunu bitişten en az bir ay önce yapın.", "sertifika-yenileme"),
        _ => Ok("expiry", "Kalan süre", $"{days} gün kaldı."),
    };

    private static ReadinessLine Revocation(bool untrusted, Func<string, bool> has)
    {
        if (has("CERTIFICATE_REVOKED") || has("CA_CERTIFICATE_REVOKED"))
        {
            return Bad("revocation", "İptal durumu", "Sertifika iptal edilmiş.", "Sertifika hizmet sağlayıcınızdan yeni sertifika alın.", "CERT_REVOKED");
        }

        if (untrusted)
        {
            return Bad("revocation", "İptal durumu", "Zincir doğrulanamadığı için iptal durumu denetlenemedi.", "Yetkili bir hizmet sağlayıcının NES'ini seçin.", "CERT_UNTRUSTED");
        }

        return has("REVOCATION") || has("CA_REVOCATION")
            ? Bad("revocation", "İptal durumu", "İptal durumu şu anda alınamadı (OCSP/SİL erişilemiyor).", "Birkaç dakika sonra yeniden deneyin.", "CERT_REVOCATION_UNAVAILABLE")
            : Ok("revocation", "İptal durumu", "Sertifika iptal edilmemiş.");
    }

    private static ReadinessLine Ok(string key, string label, string detail) => new(key, label, ReadinessLine.Ok, detail, null, null);

    private static ReadinessLine Warn(string key, string label, string detail, string next, string topic) => new(key, label, ReadinessLine.Warn, detail, next, "/Yardim/" + topic);

    private static ReadinessLine Bad(string key, string label, string detail, string next, string code) => new(key, label, ReadinessLine.Bad, detail, next, ErrorHelp(code));

    /// <summary>The help page's entry for an error code (the web app's <c>HelpContent.LinkFor</c>: /Yardim/hatalar#CODE).</summary>
    private static string ErrorHelp(string code) => "/Yardim/hatalar#" + code;

    /// <summary>The day in Turkey: "21.11.2026".</summary>
    private static string Day(DateTimeOffset value) => TurkeyTime.DateOf(value).ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("tr-TR"));
}
