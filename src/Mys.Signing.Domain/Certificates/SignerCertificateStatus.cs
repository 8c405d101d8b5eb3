namespace Mys.Signing.Domain.Certificates;

/// <summary>How urgently a signer must renew, from their newest valid certificate.</summary>
public enum CertificateExpiryLevel
{
    /// <summary>No certificate has been seen for the user yet.</summary>
    NoCertificate = 0,

    /// <summary>Valid for more than <see cref="SignerCertificateStatus.WarningDays"/> days.</summary>
    Valid = 1,

    /// <summary>Expires within <see cref="SignerCertificateStatus.WarningDays"/> days: a banner.</summary>
    ExpiringSoon = 2,

    /// <summary>Expires within <see cref="SignerCertificateStatus.UrgentDays"/> days: an urgent banner.</summary>
    Urgent = 3,

    /// <summary>Every certificate seen has expired (or none is valid yet): signing is blocked.</summary>
    Expired = 4,
}

/// <summary>The validity facts of one certificate that expiry tracking needs.</summary>
public sealed record CertificateValidity(string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Qualified);

/// <summary>
/// A signer's certificate status at a moment: NES certificates last three years, renewal should be applied for at least
/// a month before expiry and can be produced from two months before, so the user is warned at 60 days, urgently at 30,
/// and blocked once no qualified certificate is valid. Days are whole days left, rounded down.
/// </summary>
public sealed record SignerCertificateStatus(CertificateExpiryLevel Level, CertificateValidity? Newest, int? DaysLeft)
{
    public const int WarningDays = 60;
    public const int UrgentDays = 30;

    /// <summary>True when the signing API must refuse to sign (no valid qualified certificate).</summary>
    public bool BlocksSigning => Level is CertificateExpiryLevel.Expired or CertificateExpiryLevel.NoCertificate;

    /// <summary>True when a banner should be shown.</summary>
    public bool NeedsAttention => Level is CertificateExpiryLevel.ExpiringSoon or CertificateExpiryLevel.Urgent or CertificateExpiryLevel.Expired;

    public static SignerCertificateStatus Evaluate(IEnumerable<CertificateValidity> certificates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var all = certificates.Where(c => c.Qualified).ToList();
        if (all.Count == 0)
        {
            return new SignerCertificateStatus(CertificateExpiryLevel.NoCertificate, null, null);
        }

        var newestValid = all.Where(c => c.NotBefore <= now && now < c.NotAfter).MaxBy(c => c.NotAfter);
        if (newestValid is null)
        {
            var last = all.MaxBy(c => c.NotAfter)!;
            return new SignerCertificateStatus(CertificateExpiryLevel.Expired, last, DaysBetween(now, last.NotAfter));
        }

        var days = DaysBetween(now, newestValid.NotAfter);
        var level = days <= UrgentDays ? CertificateExpiryLevel.Urgent
            : days <= WarningDays ? CertificateExpiryLevel.ExpiringSoon
            : CertificateExpiryLevel.Valid;
        return new SignerCertificateStatus(level, newestValid, days);
    }

    /// <summary>Whole days from <paramref name="now"/> to <paramref name="until"/> (negative once past).</summary>
    public static int DaysBetween(DateTimeOffset now, DateTimeOffset until) => (int)Math.Floor((until - now).TotalDays);

    /// <summary>The reminder stage the status is in; null when no reminder is due.</summary>
    public string? ReminderStage => Level switch
    {
        CertificateExpiryLevel.ExpiringSoon => "60",
        CertificateExpiryLevel.Urgent => "30",
        CertificateExpiryLevel.Expired => "expired",
        _ => null,
    };
}
