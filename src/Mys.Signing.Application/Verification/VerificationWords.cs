using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// The one Turkish name table for the validator's verdicts that reach people (the review page, the report PDF and
/// JSON): indication, attachment check, certificate status at signing, the document's signing stage and level.
/// The machine name stays available for support beside it (pages put it in a small <c>code.kod</c>).
/// </summary>
public static class VerificationWords
{
    public static string Indication(Indication indication) => indication switch
    {
        Signatures.Validation.Indication.TotalPassed => "Geçerli",
        Signatures.Validation.Indication.TotalFailed => "Geçersiz",
        Signatures.Validation.Indication.Indeterminate => "Kesin karar verilemedi",
        _ => throw new ArgumentOutOfRangeException(nameof(indication), indication, null),
    };

    /// <summary>The sub-indication's Turkish sentence (the validator's own table), empty when there is none to tell.</summary>
    public static string SubIndication(SubIndication subIndication) =>
        subIndication == Signatures.Validation.SubIndication.None ? string.Empty : ValidationMessages.For(subIndication);

    public static string Attachment(AttachmentStatus status) => status switch
    {
        AttachmentStatus.Match => "Özet tutuyor",
        AttachmentStatus.Mismatch => "Dosya değiştirilmiş",
        AttachmentStatus.Missing => "Dosya bulunamadı",
        AttachmentStatus.NotListed => "İmzalı ekler tablosunda yok",
        AttachmentStatus.SignedHashMissing => "İmzalı özet eksik",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"İptal edilmemiş (OCSP, 07.12.2026 07:38 TSİ)": the signing certificate's status as the validator found it.</summary>
    public static string CertificateStatus(RevocationSummary revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        var status = revocation.Status switch
        {
            "GOOD" => "İptal edilmemiş",
            "REVOKED" => revocation.RevokedAt is { } at ? $"İptal edilmiş ({TurkeyTime.Stamp(at)})" : "İptal edilmiş",
            _ => "İptal durumu bilinmiyor",
        };
        var source = revocation.Source.Replace("CRL", "SİL", StringComparison.Ordinal);
        return $"{status} ({source}{(revocation.ProducedAt is { } produced ? ", " + TurkeyTime.Stamp(produced) : string.Empty)})";
    }

    /// <summary>The document's signing stage as the report stores it (the enum's name), in Turkish; "—" when unknown.</summary>
    public static string Stage(string? stage) =>
        Enum.TryParse<SignedDocumentStage>(stage, out var value) ? value.TurkishName() : "—";

    /// <summary>
    /// The PAdES level a signature has now: once the accounting unit accepted the ÖEB, the document's /DSS carries every
    /// signature's certificates and revocation data, so a time-stamped (B-T) signature reads as B-LT, as the banner says.
    /// </summary>
    public static string Level(string level, string? stage)
    {
        var now = level == "B-T" && Enum.TryParse<SignedDocumentStage>(stage, out var value) && value >= SignedDocumentStage.LongTerm ? "B-LT" : level;
        return now switch
        {
            "B-B" => "B-B (temel)",
            "B-T" => "B-T (zaman damgalı)",
            "B-LT" => "B-LT (uzun süreli doğrulanabilir)",
            "B-LTA" => "B-LTA (arşiv zaman damgalı)",
            _ => now,
        };
    }
}
