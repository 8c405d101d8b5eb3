using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>"Kayda Al ve e-İmzala": acceptance carrying the accounting officer's own signature record.</summary>
public sealed class AccountingOfficerSignatureTests
{
    private static readonly Actor Staff = new(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000005"), Role.AccountingStaff);

    private static PaymentOrder Sent()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context());
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());
        order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    [Fact]
    public void The_accounting_officer_accepts_with_a_signature_record()
    {
        var order = Sent();

        order.AcceptSigned(Accounting, Now.AddHours(1), " s3 ", RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        order.Status.ShouldBe(PaymentOrderStatus.Accepted);
        order.AccountingOfficerSignature.ShouldBe(new SignatureRecord(Accounting.UserId, Role.AccountingOfficer, Now.AddHours(1), "s3"));
        order.ClosedBy.ShouldBe(Accounting.UserId);
        order.ClosedAt.ShouldBe(Now.AddHours(1));
    }

    [Fact]
    public void Accounting_staff_may_still_accept_without_signing_but_not_sign()
    {
        var order = Sent();
        Should.Throw<DomainException>(() => order.AcceptSigned(Staff, Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_ROLE");
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.AccountingOfficerSignature.ShouldBeNull();

        order.Accept(Staff, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        order.AccountingOfficerSignature.ShouldBeNull();
    }

    [Theory]
    [InlineData(Role.DataEntryOfficer)]
    [InlineData(Role.RealizationOfficer)]
    [InlineData(Role.SpendingAuthority)]
    public void Spending_unit_roles_are_refused(Role role)
    {
        var order = Sent();
        Should.Throw<DomainException>(() => order.AcceptSigned(new Actor(Guid.NewGuid(), role), Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_ROLE");
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public void The_officer_must_not_be_the_realization_officer_or_the_spending_authority()
    {
        var order = Sent();
        foreach (var person in new[] { Realization.UserId, Authority.UserId })
        {
            Should.Throw<DomainException>(() => order.AcceptSigned(new Actor(person, Role.AccountingOfficer), Now, "s3", RuleSet, Context()))
                .Code.ShouldBe("PO_SAME_SIGNER");
            order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
            order.AccountingOfficerSignature.ShouldBeNull();
        }
    }

    [Fact]
    public void Only_from_sent_to_accounting()
    {
        var draft = new PaymentOrderBuilder().Build();
        Should.Throw<DomainException>(() => draft.AcceptSigned(Accounting, Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");

        var accepted = Sent();
        accepted.Accept(Accounting, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        Should.Throw<DomainException>(() => accepted.AcceptSigned(Accounting, Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");

        var returned = Sent();
        returned.Return(Accounting, Now, "eksik");
        Should.Throw<DomainException>(() => returned.AcceptSigned(Accounting, Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_TRANSITION");
    }

    [Fact]
    public void A_wet_signed_order_cannot_carry_an_officer_e_signature()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SendWithWetSignatures(Authority, Today, "E-1", "Arıza", Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();

        Should.Throw<DomainException>(() => order.AcceptSigned(Accounting, Now, "s3", RuleSet, Context())).Code.ShouldBe("PO_WET_SIGNED");
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
    }

    [Fact]
    public void The_rule_set_is_evaluated_and_a_failure_keeps_nothing()
    {
        var order = Sent();
        var stricter = new DocumentCatalog(
            CatalogSeed.DocumentTypes(),
            [new ExpenseType(ExpenseTypeCodes.Electricity, "Elektrik", [new RequiredDocument("FATURA", "Fatura", [DocumentTypeCodes.Invoice])], [], false, false)]);

        var report = order.AcceptSigned(Accounting, Now, "s3", RuleSet, new RuleContext(stricter, EmptyContractHistory.Instance, RuleOptions.Default, Today));

        report.Has(AllowedDocumentsRule.NotAllowed).ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.AccountingOfficerSignature.ShouldBeNull();
        order.ClosedBy.ShouldBeNull();
    }

    [Fact]
    public void R5_flags_an_officer_signature_by_another_role_or_by_a_spending_unit_signer()
    {
        var order = Sent();
        Tamper.Set(order, nameof(PaymentOrder.AccountingOfficerSignature), new SignatureRecord(Authority.UserId, Role.AccountingStaff, Now, "s3"));

        Tamper.Run(new SignersRule(), order).Select(v => v.Code).ShouldBe([SignersRule.AccountingOfficerSignerRole, SignersRule.SameSigner]);

        Tamper.Set(order, nameof(PaymentOrder.AccountingOfficerSignature), new SignatureRecord(Accounting.UserId, Role.AccountingOfficer, Now, "s3"));
        Tamper.Run(new SignersRule(), order).ShouldBeEmpty();
    }
}
