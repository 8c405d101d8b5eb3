using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.StructuredDocuments;
using Mys.Signing.Infrastructure.PaymentOrders;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>
/// A change to an ÖEB's child rows (attachments, their invoice fields) moves the ÖEB's row version, so a form read before
/// it is refused with the Turkish "someone else changed it" message and saves nothing; the same change from a fresh form is saved.
/// </summary>
public sealed partial class DataEntryUseCaseTests
{
    private const string RemoveStale = "Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.";

    [Fact]
    public async Task After_a_document_is_added_an_unlink_an_upload_and_a_voucher_from_forms_read_before_are_refused_and_nothing_is_saved()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var eInvoice = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");
        var read = await VersionAsync(id);
        var description = await DescriptionAsync(id);

        (await UploadAsync(actor, id, "sozlesme.pdf", "application/pdf", Pdf(), ContractFields(read))).Succeeded.ShouldBeTrue();
        (await DescriptionAsync(id)).ShouldBe(description, "a contract changes no column of the ÖEB itself");
        var current = await VersionAsync(id);
        current.ShouldNotBe(read, "the added attachment moved the ÖEB's version all the same");

        var unlink = await UseAsync<RemoveAttachment, Outcome<PaymentOrder>>(r => r.RunAsync(actor, Su1, id, eInvoice, read, default));
        var upload = await UploadAsync(actor, id, "ikinci.pdf", "application/pdf", Pdf(), ContractFields(read));
        var number = "VIF-" + Guid.NewGuid().ToString("N")[..8];
        var voucher = await LinkAsync(actor, id, Voucher(number), read);

        unlink.Refusal.ShouldNotBeNull().Code.ShouldBe("stale");
        unlink.Refusal.Message.ShouldBe(RemoveStale);
        upload.Refusal.ShouldNotBeNull().Message.ShouldBe("Bu ÖEB siz belge eklerken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        voucher.Refusal.ShouldNotBeNull().Message.ShouldBe("Bu ÖEB siz çalışırken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        (await AttachmentCountAsync(id)).ShouldBe(2);
        (await AuditCountAsync("PaymentOrderAttachmentUploaded", id)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", id)).ShouldBe(0);
        (await AuditCountAsync("AssetVoucherLinked", id)).ShouldBe(0);
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"StructuredDocuments\" WHERE \"Number\" = '{number}'")).ShouldBe(0);
        (await VersionAsync(id)).ShouldBe(current);

        var fresh = await UseAsync<RemoveAttachment, Outcome<PaymentOrder>>(r => r.RunAsync(actor, Su1, id, eInvoice, current, default));
        var freshVoucher = await LinkAsync(actor, id, Voucher(number), await VersionAsync(id));

        fresh.Succeeded.ShouldBeTrue();
        freshVoucher.Succeeded.ShouldBeTrue();
        (await AttachmentCountAsync(id)).ShouldBe(2, "the contract and the voucher");
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", id)).ShouldBe(1);
        (await AuditCountAsync("AssetVoucherLinked", id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_invoice_correction_from_a_form_read_before_another_upload_is_refused_and_the_invoice_keeps_its_fields()
    {
        var id = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var invoice = (await UploadAsync(actor, id, "fatura.pdf", "application/pdf", Pdf(), InvoiceFields("ILK0004"))).Value.ShouldNotBeNull().Attachment.Id;
        var read = await VersionAsync(id);
        (await UploadAsync(actor, id, "sozlesme.pdf", "application/pdf", Pdf(), ContractFields(read))).Succeeded.ShouldBeTrue();

        var stale = await UseAsync<CorrectInvoiceDetails, Outcome<PaymentOrder>>(c => c.RunAsync(actor, Su1, id, invoice, read, "ESKI0004", Vkn, InvoiceDate, default));
        var fresh = await UseAsync<CorrectInvoiceDetails, Outcome<PaymentOrder>>(
            async c => await c.RunAsync(actor, Su1, id, invoice, await VersionAsync(id), "YENI0004", Vkn, InvoiceDate, default));

        stale.Refusal.ShouldNotBeNull().Message.ShouldBe(RemoveStale);
        fresh.Succeeded.ShouldBeTrue();
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Invoice_InvoiceNumber\" FROM \"PaymentOrderAttachments\" WHERE \"Id\" = '{invoice}'")).ShouldBe("YENI0004");
        (await AuditCountAsync("PaymentOrderInvoiceDetailsChanged", id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_upload_posting_an_unreadable_version_is_refused_before_anything_is_stored()
    {
        var id = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var upload = await UploadAsync(actor, id, "sozlesme.pdf", "application/pdf", Pdf(), new(ContractFields(0)) { ["formVersion"] = "on iki" });

        upload.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    private static Dictionary<string, string> ContractFields(uint formVersion) => new(StringComparer.Ordinal)
    {
        ["formVersion"] = formVersion.ToString(CultureInfo.InvariantCulture), ["documentType"] = DocumentTypeCodes.Contract, ["source"] = "scan", ["carriesSignatures"] = "true",
    };

    private Task<string?> DescriptionAsync(Guid id) =>
        fixture.Database.ScalarAsync<string>($"SELECT \"AttachmentsDescription\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");

    private async Task<Outcome<StructuredDocumentRecord>> LinkAsync(Actor actor, Guid id, AssetVoucher vif, uint formVersion)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var link = scope.ServiceProvider.GetRequiredService<LinkStructuredDocument>();
        var order = (await link.FindAsync(actor, Su1, id, default)).Value.ShouldNotBeNull();
        return await link.RunAsync(actor, order, formVersion, StructuredDocumentDraft.Of(vif), default);
    }
}
