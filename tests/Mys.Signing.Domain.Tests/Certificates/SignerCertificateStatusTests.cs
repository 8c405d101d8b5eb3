using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;

namespace Mys.Signing.Domain.Tests.Certificates;

public sealed class SignerCertificateStatusTests
{
    private static readonly DateTimeOffset NotAfter = new(2029, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly CertificateValidity Nes = new("1a2b", NotAfter.AddYears(-3), NotAfter, Qualified: true);

    [Theory]
    [InlineData(61, CertificateExpiryLevel.Valid, false, false)]
    [InlineData(60, CertificateExpiryLevel.ExpiringSoon, true, false)]
    [InlineData(31, CertificateExpiryLevel.ExpiringSoon, true, false)]
    [InlineData(30, CertificateExpiryLevel.Urgent, true, false)]
    [InlineData(1, CertificateExpiryLevel.Urgent, true, false)]
    [InlineData(0, CertificateExpiryLevel.Expired, true, true)]
    [InlineData(-5, CertificateExpiryLevel.Expired, true, true)]
    public void Thresholds_at_61_60_30_and_0_days(int daysLeft, CertificateExpiryLevel level, bool banner, bool blocked)
    {
        var status = SignerCertificateStatus.Evaluate([Nes], NotAfter.AddDays(-daysLeft));

        status.Level.ShouldBe(level);
        status.NeedsAttention.ShouldBe(banner);
        status.BlocksSigning.ShouldBe(blocked);
        status.DaysLeft.ShouldBe(daysLeft);
    }

    [Fact]
    public void No_certificate_seen_blocks_signing_without_a_banner()
    {
        var status = SignerCertificateStatus.Evaluate([], NotAfter);

        status.Level.ShouldBe(CertificateExpiryLevel.NoCertificate);
        status.BlocksSigning.ShouldBeTrue();
        status.NeedsAttention.ShouldBeFalse();
        status.ReminderStage.ShouldBeNull();
    }

    [Fact]
    public void The_newest_valid_certificate_counts_so_a_renewed_card_clears_the_warning()
    {
        var renewed = new CertificateValidity("9f", NotAfter.AddDays(-50), NotAfter.AddYears(3), Qualified: true);

        var status = SignerCertificateStatus.Evaluate([Nes, renewed], NotAfter.AddDays(-20));

        status.Level.ShouldBe(CertificateExpiryLevel.Valid);
        status.Newest.ShouldBe(renewed);
    }

    [Fact]
    public void A_not_qualified_or_not_yet_valid_certificate_does_not_count()
    {
        var notQualified = Nes with { SerialNumber = "nq", NotAfter = NotAfter.AddYears(2), Qualified = false };
        var future = Nes with { SerialNumber = "fut", NotBefore = NotAfter.AddDays(10), NotAfter = NotAfter.AddYears(3) };

        var status = SignerCertificateStatus.Evaluate([Nes, notQualified, future], NotAfter.AddDays(-10));

        status.Level.ShouldBe(CertificateExpiryLevel.Urgent);
        status.Newest!.SerialNumber.ShouldBe("1a2b");
        status.ReminderStage.ShouldBe("30");
    }
}

public sealed class SignerCoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_role_is_covered_until_the_latest_valid_certificate_among_its_holders_ends()
    {
        var gaps = SignerCoverage.Gaps(SignerCoverage.RequiredRoles(spendingUnit: true),
        [
            new SignerHolder(Guid.NewGuid(), Role.RealizationOfficer, Now.AddDays(40)),
            new SignerHolder(Guid.NewGuid(), Role.RealizationOfficer, Now.AddDays(400)),
            new SignerHolder(Guid.NewGuid(), Role.SpendingAuthority, Now.AddDays(10)),
        ], Now);

        gaps.Single(g => g.Role == Role.RealizationOfficer).UncoveredFrom.ShouldBe(Now.AddDays(400));
        gaps.Single(g => g.Role == Role.SpendingAuthority).UncoveredFrom.ShouldBe(Now.AddDays(10));
        gaps.ShouldAllBe(g => !g.UncoveredNow);
    }

    [Fact]
    public void A_role_without_holders_or_with_only_expired_certificates_is_uncovered_now()
    {
        var gaps = SignerCoverage.Gaps(SignerCoverage.RequiredRoles(spendingUnit: true),
        [
            new SignerHolder(Guid.NewGuid(), Role.RealizationOfficer, null),
            new SignerHolder(Guid.NewGuid(), Role.RealizationOfficer, Now.AddDays(-1)),
        ], Now);

        gaps.ShouldAllBe(g => g.UncoveredNow && g.UncoveredFrom == Now);
        SignerCoverage.RequiredRoles(spendingUnit: false).ShouldBe([Role.AccountingOfficer]);
    }
}
