using Mys.Signing.Application.Verification;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.Tests.Verification;

public class SignerOrderCheckTests
{
    [Fact]
    public void The_order_is_realization_officer_then_spending_authority_then_accounting_officer()
    {
        SignerOrderCheck.Fields.ShouldBe([SignerFields.RealizationOfficer, SignerFields.SpendingAuthority, SignerFields.AccountingOfficer]);
    }

    [Fact]
    public void A_signature_in_the_field_expected_at_its_position_holds()
    {
        SignerOrderCheck.Problem(1, SignerFields.SpendingAuthority, SignerFields.SpendingAuthority).ShouldBeNull();
    }

    [Fact]
    public void A_signature_in_another_field_names_the_position_and_both_roles()
    {
        SignerOrderCheck.Problem(0, SignerFields.RealizationOfficer, SignerFields.SpendingAuthority)
            .ShouldBe("İmza sırası yanlış: 1. imza Gerçekleştirme Görevlisi imzası olmalı, belgede Harcama Yetkilisi alanında.");
    }

    [Fact]
    public void A_signature_in_an_unknown_field_names_the_field()
    {
        SignerOrderCheck.Problem(1, SignerFields.SpendingAuthority, "Signature1")
            .ShouldBe("İmza sırası yanlış: 2. imza Harcama Yetkilisi imzası olmalı, belgede Signature1 alanında.");
    }

    [Fact]
    public void A_missing_signature_and_signatures_after_the_expected_ones_are_problems()
    {
        SignerOrderCheck.Missing(SignerFields.SpendingAuthority).ShouldBe("Harcama Yetkilisi imzası belgede yok.");
        SignerOrderCheck.Unexpected(["Signature4"]).ShouldBe(["Belgede beklenmeyen imza: Signature4."]);
    }
}
