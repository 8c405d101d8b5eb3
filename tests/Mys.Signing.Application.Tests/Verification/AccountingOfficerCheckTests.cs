using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Rendering;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class AccountingOfficerCheckTests
{
    private const string NotOfficer = "Muhasebe Yetkilisi imzasını atan kişi, imza anında Ankara Muhasebe Müdürlüğü biriminin muhasebe yetkilisi değildi.";
    private const string NotAfter = "Muhasebe Yetkilisi imzası harcama yetkilisinin imzasından sonra atılmış olmalı.";

    private static SignerCheck SpendingAuthorityLine(DateTimeOffset? timeStamp, DateTimeOffset? signedAt = null) =>
        new("Harcama Yetkilisi", SignerFields.SpendingAuthority, null, null, null, null, signedAt, timeStamp, null, true, "B-T", true, "İmza ÖEB kaydıyla uyumlu.");

    [Fact]
    public void An_officer_of_the_unit_signing_after_the_spending_authority_holds()
    {
        var problems = AccountingOfficerCheck.Problems(Record(Role.AccountingOfficer), heldRole: true, "Ankara Muhasebe Müdürlüğü",
            Signature(timeStamp: Now.AddHours(2)), SpendingAuthorityLine(Now.AddHours(1)));

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_claimed_signing_times_decide_when_there_is_no_time_stamp()
    {
        var problems = AccountingOfficerCheck.Problems(Record(Role.AccountingOfficer), heldRole: true, "Ankara Muhasebe Müdürlüğü",
            Signature(claimed: Now.AddHours(2)), SpendingAuthorityLine(timeStamp: null, signedAt: Now.AddHours(1)));

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_signer_who_did_not_hold_the_role_in_the_unit_at_signing_time_fails()
    {
        AccountingOfficerCheck.Problems(Record(Role.AccountingOfficer), heldRole: false, "Ankara Muhasebe Müdürlüğü",
            Signature(timeStamp: Now.AddHours(2)), SpendingAuthorityLine(Now.AddHours(1))).ShouldBe([NotOfficer]);
    }

    [Fact]
    public void A_record_in_another_role_fails_even_if_the_role_was_held()
    {
        AccountingOfficerCheck.Problems(Record(Role.SpendingAuthority), heldRole: true, "Ankara Muhasebe Müdürlüğü",
            Signature(timeStamp: Now.AddHours(2)), SpendingAuthorityLine(Now.AddHours(1))).ShouldBe([NotOfficer]);
    }

    [Fact]
    public void Signing_before_the_spending_authority_fails()
    {
        AccountingOfficerCheck.Problems(Record(Role.AccountingOfficer), heldRole: true, "Ankara Muhasebe Müdürlüğü",
            Signature(timeStamp: Now), SpendingAuthorityLine(Now.AddHours(1))).ShouldBe([NotAfter]);
    }

    [Fact]
    public void Without_a_time_on_either_side_the_order_is_not_shown_and_fails()
    {
        var record = Record(Role.AccountingOfficer);
        AccountingOfficerCheck.Problems(record, true, "Ankara Muhasebe Müdürlüğü", Signature(), SpendingAuthorityLine(Now)).ShouldBe([NotAfter]);
        AccountingOfficerCheck.Problems(record, true, "Ankara Muhasebe Müdürlüğü", Signature(timeStamp: Now), SpendingAuthorityLine(null)).ShouldBe([NotAfter]);
        AccountingOfficerCheck.Problems(record, true, "Ankara Muhasebe Müdürlüğü", Signature(timeStamp: Now), null).ShouldBe([NotAfter]);
    }
}
