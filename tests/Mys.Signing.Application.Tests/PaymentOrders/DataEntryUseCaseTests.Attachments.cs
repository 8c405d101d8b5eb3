using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.TestSupport.Invoices;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Tests.PaymentOrders;

/// <summary>Upload, e-Fatura, removal and the R9 correction of an invoice.</summary>
public sealed partial class DataEntryUseCaseTests
{
    private static string InvoiceDate => DateTime.UtcNow.AddHours(3).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_invoice_pdf_is_stored_attached_and_audited_and_its_fields_can_be_corrected_while_draft()
    {
        var id = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var added = await UploadAsync(actor, id, "fatura.pdf", "application/pdf", Pdf(), InvoiceFields("ILK0001"));

        var attachment = added.Value.ShouldNotBeNull().Attachment;
        attachment.Invoice.ShouldNotBeNull().InvoiceNumber.ShouldBe("ILK0001");
        added.Value.TypeName.ShouldNotBe("FATURA", "the user is told the type's name, not its code");
        (await AttachmentCountAsync(id)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentUploaded", id)).ShouldBe(1);

        var corrected = await UseAsync<CorrectInvoiceDetails, Outcome<PaymentOrder>>(
            async c => await c.RunAsync(actor, Su1, id, attachment.Id, await VersionAsync(id), "DOGRU0002", Vkn, InvoiceDate, default));
        corrected.Succeeded.ShouldBeTrue();
        (await fixture.Database.ScalarAsync<string>($"SELECT \"Invoice_InvoiceNumber\" FROM \"PaymentOrderAttachments\" WHERE \"Id\" = '{attachment.Id}'")).ShouldBe("DOGRU0002");
        (await AuditCountAsync("PaymentOrderInvoiceDetailsChanged", id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_upload_without_a_type_without_its_invoice_fields_or_whose_bytes_are_not_what_it_claims_stores_nothing()
    {
        var id = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);

        var noType = await UploadAsync(actor, id, "belge.pdf", "application/pdf", Pdf(), new Dictionary<string, string>(StringComparer.Ordinal));
        var noFields = await UploadAsync(actor, id, "fatura.pdf", "application/pdf", Pdf(), new Dictionary<string, string>(StringComparer.Ordinal) { ["documentType"] = "FATURA" });
        var notPdf = await UploadAsync(actor, id, "fatura.pdf", "application/pdf", Encoding.ASCII.GetBytes("not a pdf at all"), InvoiceFields("X0001"));

        noType.Refusal.ShouldNotBeNull().Code.ShouldBe("no type");
        noFields.Refusal.ShouldNotBeNull().Message.ShouldContain("Fatura numarası girilmelidir.");
        notPdf.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Unprocessable);
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await AuditCountAsync("PaymentOrderAttachmentUploaded", id)).ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_is_uploaded_to_a_submitted_order_or_by_a_signer()
    {
        var submitted = await DraftAsync(withEInvoiceLink: true);
        var dataEntry = await ActorAsync(Role.DataEntryOfficer);
        (await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(dataEntry, Su1, submitted, await VersionAsync(submitted), default)))
            .Value.ShouldNotBeNull().Submitted.ShouldBeTrue();
        var draft = await DraftAsync(withEInvoiceLink: false);

        var toSubmitted = await UseAsync<UploadAttachments, Outcome<PaymentOrder>>(u => u.OpenAsync(dataEntry, Su1, submitted, default));
        var bySigner = await UseAsync<UploadAttachments, Outcome<PaymentOrder>>(async u => await u.OpenAsync(await ActorAsync(Role.SpendingAuthority), Su1, draft, default));
        var toDraft = await UseAsync<UploadAttachments, Outcome<PaymentOrder>>(u => u.OpenAsync(dataEntry, Su1, draft, default));

        toSubmitted.Refusal.ShouldNotBeNull().Message.ShouldContain("belge eklenemez");
        bySigner.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Forbidden);
        toDraft.Value.ShouldNotBeNull().Id.ShouldBe(draft);
    }

    [Fact]
    public async Task An_e_fatura_is_linked_by_its_ettn_once_and_its_differences_from_the_order_are_reported()
    {
        var first = await DraftAsync(withEInvoiceLink: false);
        var second = await DraftAsync(withEInvoiceLink: false);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var ettn = Guid.NewGuid();
        var eInvoice = new Dictionary<string, string>(StringComparer.Ordinal) { ["documentType"] = "EFATURA" };

        var linked = await UploadAsync(actor, first, "fatura.xml", "application/xml", EInvoiceXml(ettn), eInvoice);
        var duplicate = await UploadAsync(actor, second, "fatura.xml", "application/xml", EInvoiceXml(ettn), eInvoice);
        var malformed = await UploadAsync(actor, second, "fatura.xml", "application/xml", Encoding.UTF8.GetBytes("<Invoice/>"), eInvoice);

        var added = linked.Value.ShouldNotBeNull();
        added.Attachment.StructuredDocumentId.ShouldBe(ettn.ToString("D"));
        added.Attachment.Source.ShouldBe(DocumentSource.EFaturaLink);
        added.Differences.ShouldNotBeEmpty("the e-Fatura's payable amount differs from the ÖEB's");
        added.SignatureMessage.ShouldNotBeNull();
        duplicate.Refusal.ShouldNotBeNull().Code.ShouldBe("EINVOICE_DUPLICATE");
        malformed.Succeeded.ShouldBeFalse();
        (await AttachmentCountAsync(second)).ShouldBe(0);
    }

    [Fact]
    public async Task An_attachment_is_removed_from_a_draft_but_not_twice_and_not_from_a_submitted_order()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var submitted = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        (await UseAsync<SubmitPaymentOrder, Outcome<Submission>>(async s => await s.RunAsync(actor, Su1, submitted, await VersionAsync(submitted), default)))
            .Value.ShouldNotBeNull().Submitted.ShouldBeTrue();
        var attachment = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");
        var signedFor = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{submitted}'");

        var removed = await UseAsync<RemoveAttachment, Outcome<PaymentOrder>>(async r => await r.RunAsync(actor, Su1, id, attachment, await VersionAsync(id), default));
        var again = await UseAsync<RemoveAttachment, Outcome<PaymentOrder>>(async r => await r.RunAsync(actor, Su1, id, attachment, await VersionAsync(id), default));
        var fromSubmitted = await UseAsync<RemoveAttachment, Outcome<PaymentOrder>>(
            async r => await r.RunAsync(actor, Su1, submitted, signedFor, await VersionAsync(submitted), default));

        removed.Succeeded.ShouldBeTrue();
        again.Refusal.ShouldBe(RemoveAttachment.AttachmentNotFound);
        fromSubmitted.Refusal.ShouldNotBeNull().Message.ShouldContain("belge çıkarılamaz");
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await AttachmentCountAsync(submitted)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", id)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", submitted)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_an_e_arsiv_or_paper_invoice_s_fields_are_corrected_and_only_when_all_three_are_given()
    {
        var id = await DraftAsync(withEInvoiceLink: true);
        var actor = await ActorAsync(Role.DataEntryOfficer);
        var eInvoice = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");
        var invoice = (await UploadAsync(actor, id, "fatura.pdf", "application/pdf", Pdf(), InvoiceFields("ILK0003"))).Value.ShouldNotBeNull().Attachment.Id;

        var notInvoice = await UseAsync<CorrectInvoiceDetails, Outcome<PaymentOrder>>(
            async c => await c.RunAsync(actor, Su1, id, eInvoice, await VersionAsync(id), "X1", Vkn, InvoiceDate, default));
        var missing = await UseAsync<CorrectInvoiceDetails, Outcome<PaymentOrder>>(
            async c => await c.RunAsync(actor, Su1, id, invoice, await VersionAsync(id), " ", Vkn, "", default));

        notInvoice.Refusal.ShouldBe(CorrectInvoiceDetails.NotAnInvoice);
        missing.Refusal.ShouldNotBeNull().Message.ShouldBe("Fatura numarası girilmelidir. Fatura tarihi girilmelidir.");
        (await AuditCountAsync("PaymentOrderInvoiceDetailsChanged", id)).ShouldBe(0);
    }

    private async Task<Outcome<AddedAttachment>> UploadAsync(Actor actor, Guid id, string fileName, string contentType, byte[] content, Dictionary<string, string> fields)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var upload = scope.ServiceProvider.GetRequiredService<UploadAttachments>();
        var opened = await upload.OpenAsync(actor, Su1, id, default);
        await using var body = new MemoryStream(content);
        return await upload.AddAsync(opened.Value.ShouldNotBeNull(), new UploadedFile(fields, fileName, contentType, body), default);
    }

    private static Dictionary<string, string> InvoiceFields(string number) => new(StringComparer.Ordinal)
    {
        ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = number, ["supplierTaxId"] = Vkn, ["invoiceDate"] = InvoiceDate,
    };

    /// <summary>A synthetic, unsigned UBL-TR e-Fatura; its payable amount (1,200.00) differs from the demo ÖEB's 1,180.00.</summary>
    private static byte[] EInvoiceXml(Guid ettn) => Encoding.UTF8.GetBytes(new UblTrTestInvoice
    {
        Ettn = ettn, IssueDate = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    }.Xml);
}
