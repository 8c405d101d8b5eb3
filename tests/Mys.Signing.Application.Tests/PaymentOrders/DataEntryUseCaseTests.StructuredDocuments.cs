using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Infrastructure.PaymentOrders;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>An HTOB / VİF stored and linked to a draft, and its PDF read back only through the link.</summary>
public sealed partial class DataEntryUseCaseTests
{
    [Fact]
    public async Task A_voucher_is_stored_linked_and_audited_its_number_only_once_per_unit_and_its_pdf_read_through_the_link()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var other = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var number = "VIF-" + Guid.NewGuid().ToString("N")[..8];

        var linked = await LinkAsync(actor, id, Voucher(number));
        var sameNumber = await LinkAsync(actor, other, Voucher(number));

        var record = linked.Value.ShouldNotBeNull();
        record.Type.ShouldBe(AssetVoucher.TypeCode);
        (await AuditCountAsync("AssetVoucherLinked", id)).ShouldBe(1);
        sameNumber.Refusal.ShouldNotBeNull().Message.ShouldBe("Bu sayıda bir varlık işlem fişi bu harcama biriminde zaten var.");
        (await AttachmentCountAsync(other)).ShouldBe(1, "only its e-Fatura link");

        var pdf = await UseAsync<ReadStructuredDocumentPdf, Outcome<StructuredDocumentPdf>>(
            async r => await r.RunAsync(await ActorAsync(Role.SpendingAuthority), Su1, id, record.Id, default));
        var notLinked = await UseAsync<ReadStructuredDocumentPdf, Outcome<StructuredDocumentPdf>>(r => r.RunAsync(actor, Su1, other, record.Id, default));
        var accounting = await UseAsync<ReadStructuredDocumentPdf, Outcome<StructuredDocumentPdf>>(
            async r => await r.RunAsync(await ActorAsync(Role.AccountingOfficer), Su1, id, record.Id, default));

        var file = pdf.Value.ShouldNotBeNull();
        file.Content.AsSpan(0, 5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        file.FileName.ShouldStartWith("VIF-");
        notLinked.Refusal.ShouldBe(ReadStructuredDocumentPdf.NotLinked);
        accounting.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task Nothing_is_linked_to_a_submitted_order_or_by_a_signer()
    {
        var submitted = await DraftAsync(withEInvoiceLink: true);
        var draft = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        (await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(actor, Su1, submitted, await VersionAsync(submitted), default)))
            .Value.ShouldNotBeNull().Submitted.ShouldBeTrue();

        var toSubmitted = await LinkAsync(actor, submitted, Voucher("VIF-" + Guid.NewGuid().ToString("N")[..8]));
        var bySigner = await UseAsync<LinkStructuredDocument, Outcome<PaymentOrder>>(
            async l => await l.FindAsync(await ActorAsync(Role.RealizationOfficer), Su1, draft, default));

        toSubmitted.Refusal.ShouldNotBeNull().Message.ShouldContain("belge bağlanamaz");
        bySigner.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        (await AttachmentCountAsync(draft)).ShouldBe(1);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'AssetVoucherLinked' AND \"EntityId\" IN ('{submitted}', '{draft}')"))
            .ShouldBe(0);
    }

    private async Task<Outcome<StructuredDocumentRecord>> LinkAsync(Actor actor, Guid id, AssetVoucher vif) => await LinkAsync(actor, id, vif, await VersionAsync(id));

    private static AssetVoucher Voucher(string number)
    {
        var item = AssetVoucherItem.Create(AccountCode.Parse("150.01").Value, "A4 kâğıt", "Paket", 10m, Money.Parse("98.33").Value, 20).Value;
        return AssetVoucher.Create(Guid.NewGuid(), number, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)), AssetTransactionKind.Purchase, Su1, "ABC0001", [item]).Value;
    }
}
