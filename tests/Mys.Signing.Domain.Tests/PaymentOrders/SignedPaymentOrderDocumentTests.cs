using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

/// <summary>The signed document moves on only from the stage each step follows.</summary>
public sealed class SignedPaymentOrderDocumentTests
{
    private static readonly Guid OrderId = Guid.Parse("33333333-3333-3333-3333-333333333333");

    private static SignedPaymentOrderDocument Rendered() => SignedPaymentOrderDocument.Rendered(OrderId, "CODE", "rendered", Now);

    [Fact]
    public void A_rendering_points_at_itself_before_any_signature()
    {
        var document = Rendered();

        document.Stage.ShouldBe(SignedDocumentStage.Rendered);
        document.CurrentSha256.ShouldBe("rendered");
        document.RenderedSha256.ShouldBe("rendered");
        document.RenderedAt.ShouldBe(Now);
    }

    [Fact]
    public void Each_signature_makes_its_revision_current_and_moves_to_the_next_stage()
    {
        var document = Rendered();

        document.RecordSigned(SignerStep.Realization, "first", Now.AddMinutes(1));
        document.Stage.ShouldBe(SignedDocumentStage.RealizationSigned);
        document.CurrentSha256.ShouldBe("first");
        document.UpdatedAt.ShouldBe(Now.AddMinutes(1));

        document.RecordSigned(SignerStep.SpendingAuthority, "second", Now.AddMinutes(2));
        document.RecordSigned(SignerStep.AccountingOfficer, "long-term", Now.AddMinutes(3));

        document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
        document.CurrentSha256.ShouldBe("long-term");
        document.RenderedSha256.ShouldBe("rendered");
    }

    [Fact]
    public void A_signature_out_of_turn_is_refused_and_the_document_stays_as_it_was()
    {
        var document = Rendered();

        Should.Throw<DomainException>(() => document.RecordSigned(SignerStep.SpendingAuthority, "second", Now)).Code.ShouldBe("DOCUMENT_STAGE");

        document.Stage.ShouldBe(SignedDocumentStage.Rendered);
        document.CurrentSha256.ShouldBe("rendered");
    }

    [Fact]
    public void Acceptance_without_signature_raises_only_a_document_signed_by_both_spending_unit_signers()
    {
        var document = Rendered();
        document.RecordSigned(SignerStep.Realization, "first", Now);

        Should.Throw<DomainException>(() => document.RaiseToLongTerm("long-term", Now)).Code.ShouldBe("DOCUMENT_STAGE");

        document.RecordSigned(SignerStep.SpendingAuthority, "second", Now);
        document.RaiseToLongTerm("long-term", Now);
        document.Stage.ShouldBe(SignedDocumentStage.LongTerm);
        document.CurrentSha256.ShouldBe("long-term");
    }

    [Fact]
    public void Only_a_long_term_document_is_archived_and_an_archived_one_may_be_time_stamped_again()
    {
        var document = Rendered();
        document.RecordSigned(SignerStep.Realization, "first", Now);
        document.RecordSigned(SignerStep.SpendingAuthority, "second", Now);

        Should.Throw<DomainException>(() => document.Archive("archived", Now)).Code.ShouldBe("DOCUMENT_STAGE");

        document.RaiseToLongTerm("long-term", Now);
        document.Archive("archived", Now);
        document.Archive("renewed", Now.AddYears(1));

        document.Stage.ShouldBe(SignedDocumentStage.Archived);
        document.CurrentSha256.ShouldBe("renewed");
    }
}
