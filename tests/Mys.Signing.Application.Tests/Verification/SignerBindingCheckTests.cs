using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Signatures.Rendering;
using static Mys.Signing.Application.Tests.Verification.ReportTestData;

namespace Mys.Signing.Application.Tests.Verification;

public class SignerBindingCheckTests
{
    private static readonly RecordedSigner Recorded = new("Ayşe Yılmaz", Tckn);

    [Fact]
    public void The_recorded_signers_tckn_in_the_certificate_binds()
    {
        SignerBindingCheck.Problem(SignerFields.RealizationOfficer, Record(Role.RealizationOfficer), Recorded, Signature(Tckn)).ShouldBeNull();
    }

    [Fact]
    public void Another_persons_certificate_does_not_bind()
    {
        SignerBindingCheck.Problem(SignerFields.SpendingAuthority, Record(Role.SpendingAuthority), Recorded, Signature(OtherTckn))
            .ShouldBe("Harcama Yetkilisi alanını imzalayan kişi ÖEB'de kayıtlı Harcama Yetkilisi değil.");
    }

    [Fact]
    public void A_certificate_without_a_tckn_never_binds()
    {
        SignerBindingCheck.Problem(SignerFields.RealizationOfficer, Record(Role.RealizationOfficer), Recorded, Signature(tckn: null)).ShouldNotBeNull();
    }

    [Fact]
    public void A_recorded_signer_the_users_table_does_not_know_never_binds()
    {
        SignerBindingCheck.Problem(SignerFields.RealizationOfficer, Record(Role.RealizationOfficer), null, Signature(Tckn)).ShouldNotBeNull();
    }

    [Fact]
    public void A_user_without_a_tckn_never_binds_a_certificate_without_one()
    {
        SignerBindingCheck.Problem(SignerFields.RealizationOfficer, Record(Role.RealizationOfficer), new RecordedSigner("Ayşe Yılmaz", string.Empty), Signature(string.Empty))
            .ShouldNotBeNull();
    }

    [Fact]
    public void A_field_signed_without_a_record_in_the_oeb_is_a_problem()
    {
        SignerBindingCheck.Problem(SignerFields.SpendingAuthority, null, null, Signature(Tckn)).ShouldBe("ÖEB'de Harcama Yetkilisi imzası kayıtlı değil.");
    }

    [Fact]
    public void An_officer_signature_the_oeb_did_not_record_names_who_signed()
    {
        SignerBindingCheck.Problem(SignerFields.AccountingOfficer, null, null, Signature(Tckn, name: "Mehmet Kaya"))
            .ShouldBe("Muhasebe Yetkilisi alanında Mehmet Kaya imzası var, ancak ÖEB muhasebe yetkilisince imzalanarak kayda alınmadı.");
        SignerBindingCheck.Problem(SignerFields.AccountingOfficer, null, null, Signature(Tckn, name: null))!.ShouldContain("bilinmeyen biri");
    }
}
