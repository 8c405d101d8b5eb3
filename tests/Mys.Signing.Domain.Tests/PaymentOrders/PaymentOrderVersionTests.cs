using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Tests.TestSupport;
using static Mys.Signing.Domain.Tests.TestSupport.Fixtures;

namespace Mys.Signing.Domain.Tests.PaymentOrders;

public sealed class PaymentOrderVersionTests
{
    private static PaymentOrder Returned()
    {
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice()).Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());
        order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context());
        order.Return(Accounting, Now, "Eksik belge");
        return order;
    }

    [Fact]
    public void A_returned_order_starts_a_new_draft_version_linked_to_it()
    {
        var returned = Returned();
        var newId = Guid.NewGuid();

        var next = returned.StartNewVersion(newId, DataEntry, Now);

        next.Id.ShouldBe(newId);
        next.Version.ShouldBe(2);
        next.PreviousVersionId.ShouldBe(returned.Id);
        next.Status.ShouldBe(PaymentOrderStatus.Draft);
        next.RealizationSignature.ShouldBeNull();
        next.SpendingAuthoritySignature.ShouldBeNull();
        next.NetPayable.ShouldBe(returned.NetPayable);
        next.Lines.Count.ShouldBe(returned.Lines.Count);
        next.Attachments.Count.ShouldBe(1);
        next.Attachments[0].Id.ShouldNotBe(returned.Attachments[0].Id);
        next.AttachmentsDescription.ShouldBe(returned.AttachmentsDescription);
        returned.NextVersionId.ShouldBe(newId);
    }

    [Fact]
    public void A_linked_e_faturas_stored_signature_verdict_goes_with_it_into_the_new_version()
    {
        var verdict = new Mys.Signing.Domain.Invoices.EInvoiceSignatureVerdict(Mys.Signing.Domain.Invoices.EInvoiceVerdictStatus.SignatureInvalid,
            "e-Fatura imzası geçersiz", "Mali Mühür — X (VKN 4540536920)", "4540536920", true, Now, new string('a', 64));
        var order = new PaymentOrderBuilder().WithAttachments(ScannedInvoice(), EInvoiceLink() with { EInvoiceSignature = verdict }).Build();
        order.SubmitForSignature(DataEntry, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
        order.RecordRealizationSignature(Realization, Now, "s1", RuleSet, Context());
        order.RecordSpendingAuthoritySignature(Authority, Now, "s2", RuleSet, Context());
        order.Return(Accounting, Now, "Eksik belge");

        var next = order.StartNewVersion(Guid.NewGuid(), DataEntry, Now);

        next.Attachments.Single(a => a.StructuredDocumentId == Ettn).EInvoiceSignature.ShouldBe(verdict);
        next.Attachments.Single(a => a.StructuredDocumentId is null).EInvoiceSignature.ShouldBeNull();
    }

    [Fact]
    public void The_earlier_version_stays_returned_and_read_only()
    {
        var returned = Returned();
        var next = returned.StartNewVersion(Guid.NewGuid(), DataEntry, Now);

        next.SetDescription("düzeltildi");

        returned.Status.ShouldBe(PaymentOrderStatus.Returned);
        returned.Description.ShouldBe("Haziran 2025 elektrik bedeli");
        returned.SpendingAuthoritySignature.ShouldNotBeNull();
        Should.Throw<DomainException>(() => returned.SetDescription("x")).Code.ShouldBe("PO_NOT_DRAFT");
    }

    [Fact]
    public void Only_one_new_version_can_be_started()
    {
        var returned = Returned();
        returned.StartNewVersion(Guid.NewGuid(), DataEntry, Now);

        Should.Throw<DomainException>(() => returned.StartNewVersion(Guid.NewGuid(), DataEntry, Now)).Code.ShouldBe("PO_TRANSITION");
    }

    [Fact]
    public void Only_returned_orders_get_new_versions()
    {
        Should.Throw<DomainException>(() => new PaymentOrderBuilder().Build().StartNewVersion(Guid.NewGuid(), DataEntry, Now)).Code.ShouldBe("PO_TRANSITION");
    }

    [Fact]
    public void The_new_version_can_be_submitted_again()
    {
        var next = Returned().StartNewVersion(Guid.NewGuid(), DataEntry, Now);

        next.SubmitForSignature(DataEntry, Now, RuleSet, Context()).IsSatisfied.ShouldBeTrue();
    }
}
