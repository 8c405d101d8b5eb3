using System.Globalization;
using System.Net;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>R9 fields of an uploaded e-Arşiv / paper invoice corrected after the upload, while Draft.</summary>
public sealed partial class PaymentOrderPagesTests
{
    [Fact]
    public async Task The_fields_of_an_uploaded_invoice_are_corrected_the_description_follows_and_the_change_is_audited()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var invoiceDate = DateTime.UtcNow.AddHours(3).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await UploadAsync(client, id, "fatura.pdf", "application/pdf", Pdf(), new()
        {
            ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = "YANLIS0001", ["supplierTaxId"] = Vkn, ["invoiceDate"] = invoiceDate,
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var attachment = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");
        var newDate = DateTime.UtcNow.AddHours(3).AddDays(-4);

        var response = await PostInvoiceAsync(client, id, attachment, "DOGRU2026000001", "10000000146", newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, $"/Units/{Su1}/PaymentOrders/{id}");
        details.ShouldContain($"Fatura No: DOGRU2026000001; TCKN: 10000000146; Fatura Tarihi: {newDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}");
        details.ShouldNotContain("YANLIS0001");
        (await fixture.Database.ScalarAsync<string>($"SELECT \"AttachmentsDescription\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'")).ShouldStartWith("Fatura No: DOGRU2026000001;");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PaymentOrderInvoiceDetailsChanged' AND \"EntityId\" = '{id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Missing_invoice_fields_a_stale_form_an_e_fatura_and_a_submitted_order_are_refused_and_nothing_changes()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var invoiceDate = DateTime.UtcNow.AddHours(3).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await UploadAsync(client, id, "fatura.pdf", "application/pdf", Pdf(), new()
        {
            ["documentType"] = "FATURA", ["source"] = "scan", ["invoiceNumber"] = "ILK0001", ["supplierTaxId"] = Vkn, ["invoiceDate"] = invoiceDate,
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UploadAsync(client, id, "fatura.xml", "application/xml", EInvoiceXml(Guid.NewGuid(), "1180.00"), new() { ["documentType"] = "EFATURA" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var invoice = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}' AND \"DocumentTypeCode\" = 'FATURA'");
        var eInvoice = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}' AND \"DocumentTypeCode\" = 'EFATURA'");

        var missing = WebUtility.HtmlDecode(await (await PostInvoiceAsync(client, id, invoice, " ", Vkn, "")).Content.ReadAsStringAsync());
        missing.ShouldContain("Fatura numarası girilmelidir.");
        missing.ShouldContain("Fatura tarihi girilmelidir.");

        var notInvoice = WebUtility.HtmlDecode(await (await PostInvoiceAsync(client, id, eInvoice, "X1", Vkn, invoiceDate)).Content.ReadAsStringAsync());
        notInvoice.ShouldContain("Fatura bilgileri yalnızca e-Arşiv veya kâğıt fatura belgesinde değiştirilebilir.");

        var stale = WebUtility.HtmlDecode(await (await PostInvoiceAsync(client, id, invoice, "X2", Vkn, invoiceDate, formVersion: "1")).Content.ReadAsStringAsync());
        stale.ShouldContain("Bu ÖEB siz incelerken değiştirildi");

        (await fixture.Database.ScalarAsync<string>($"SELECT \"Invoice_InvoiceNumber\" FROM \"PaymentOrderAttachments\" WHERE \"Id\" = '{invoice}'")).ShouldBe("ILK0001");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'PaymentOrderInvoiceDetailsChanged' AND \"EntityId\" = '{id}'")).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostInvoiceAsync(
        HttpClient client, Guid id, Guid attachmentId, string number, string supplier, string date, string? formVersion = null)
    {
        var page = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}");
        return await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}?handler=Invoice", new Dictionary<string, string>
        {
            ["attachmentId"] = attachmentId.ToString(),
            ["formVersion"] = formVersion ?? SubmitVersionPattern().Match(page).Groups[1].Value,
            ["invoiceNumber"] = number,
            ["supplierTaxId"] = supplier,
            ["invoiceDate"] = date,
        });
    }
}
