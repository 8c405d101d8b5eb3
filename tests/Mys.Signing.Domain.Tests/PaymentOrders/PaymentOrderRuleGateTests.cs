using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>The rule set gates every forward transition, with the context given at that moment.</summary>
public sealed class PaymentOrderRuleGateTests
{
    private static PaymentOrder Sent()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context());
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());
        order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        return order;
    }

    [Fact]
    public void Accept_is_refused_when_the_catalogue_no_longer_allows_a_document()
    {
        var order = Sent();
        var stricter = new DocumentCatalog(
            CatalogSeed.DocumentTypes(),
            [new ExpenseType(ExpenseTypeCodes.Electricity, "Elektrik", [new RequiredDocument("FATURA", "Fatura", [DocumentTypeCodes.Invoice])], [], false, false)]);
        var context = new RuleContext(stricter, EmptyContractHistory.Instance, RuleOptions.Default, Today);

        var report = order.Accept(Accounting, Now, RuleSet, context);

        report.Has(AllowedDocumentsRule.NotAllowed).ShouldBeTrue();
        order.Status.ShouldBe(PaymentOrderStatus.SentToAccounting);
        order.ClosedBy.ShouldBeNull();
    }

    [Fact]
    public void The_spending_authority_signature_is_not_kept_when_rules_fail()
    {
        var order = new PaymentOrderBuilder().Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context());
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());

        var report = order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context(today: new DateOnly(2025, 6, 1)));

        report.IsSatisfied.ShouldBeFalse();
        order.SpendingAuthoritySignature.ShouldBeNull();
        order.SentAt.ShouldBeNull();
        order.Status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
    }

    [Fact]
    public void A_dry_run_on_a_draft_reports_what_submission_would_report()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.DirectProcurementGoods).Build();

        var dryRun = RuleSet.Evaluate(order, Context());
        var submit = order.SubmitForSignature(DataEntry, Now, RuleSet, Context());

        submit.Violations.ShouldBe(dryRun.Violations);
    }

    [Fact]
    public void Status_names_are_turkish_and_sent_states_are_known()
    {
        PaymentOrderStatus.Returned.TurkishName().ShouldBe("İade Edildi");
        Enum.GetValues<PaymentOrderStatus>().Where(s => s.IsSent()).ShouldBe(
            [PaymentOrderStatus.SentToAccounting, PaymentOrderStatus.Accepted, PaymentOrderStatus.Returned]);
    }
}

public sealed class PaymentOrderRuleFailureTests
{
    [Fact]
    public void A_failing_contract_history_leaves_the_order_untouched()
    {
        var order = new PaymentOrderBuilder().WithExpenseType(ExpenseTypeCodes.WorksProgressPayment).WithContract("K-1", 2, Guid.NewGuid())
            .WithAttachments(SignedScan(DocumentTypeCodes.WorksProgressReport), EInvoiceLink()).Build();
        var broken = Context(contracts: new ThrowingHistory());

        Should.Throw<InvalidOperationException>(() => order.SendWithWetSignatures(Authority, Today, "E-1", "Arıza", Now, RuleSet, broken));

        order.Status.ShouldBe(PaymentOrderStatus.Draft);
        order.IsWetSigned.ShouldBeFalse();
        order.WetSignature.ShouldBeNull();
    }

    private sealed class ThrowingHistory : IContractHistory
    {
        public CommitmentFileCarrier? FindCommitmentFileCarrier(Guid spendingUnitId, string contractNumber) => throw new InvalidOperationException("database down");
    }
}
