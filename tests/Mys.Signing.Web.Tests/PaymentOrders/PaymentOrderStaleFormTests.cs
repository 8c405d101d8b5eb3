using System.Net;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>
/// A change to an ÖEB's attachments moves the ÖEB's row version, so every form read before it (upload, remove, VİF) is
/// refused with the Turkish "someone else changed it" message and saves nothing; the same forms read afresh are saved.
/// </summary>
public sealed partial class PaymentOrderPagesTests
{
    [Fact]
    public async Task An_upload_or_a_removal_from_a_form_read_before_another_attachment_change_is_refused_and_a_fresh_one_is_saved()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var read = await DetailsVersionAsync(client, id);
        (await UploadAsync(client, id, "sozlesme.pdf", "application/pdf", Pdf(), WithVersion(SignedScanFields(), read))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterUpload = await DetailsVersionAsync(client, id);
        afterUpload.ShouldNotBe(read, "an attachment added moves the ÖEB's version, though no column of the ÖEB changed");
        var contract = await fixture.Database.ScalarAsync<Guid>($"SELECT \"Id\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");

        var staleUpload = await UploadAsync(client, id, "ikinci.pdf", "application/pdf", Pdf(), WithVersion(SignedScanFields(), read));
        var staleRemove = await PostRemoveAsync(client, id, contract, read);

        staleUpload.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await staleUpload.Content.ReadAsStringAsync()).ShouldContain("Bu ÖEB siz belge eklerken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        staleRemove.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await staleRemove.Content.ReadAsStringAsync()).ShouldContain("Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.");
        (await AttachmentCountAsync(id)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentUploaded", id)).ShouldBe(1);
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", id)).ShouldBe(0);

        (await PostRemoveAsync(client, id, contract, afterUpload)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await AuditCountAsync("PaymentOrderAttachmentRemoved", id)).ShouldBe(1);
    }

    [Fact]
    public async Task An_asset_voucher_from_a_form_read_before_an_upload_is_refused_and_nothing_is_linked()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var fields = OrderFields(NextNumber());
        fields["Form.ExpenseTypeCode"] = "DT_MAL";
        var id = await CreateAsync(client, fields);
        var staleForm = await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}/Vif");
        (await UploadAsync(client, id, "sozlesme.pdf", "application/pdf", Pdf(), WithVersion(SignedScanFields(), await DetailsVersionAsync(client, id))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var number = "VIF-" + Guid.NewGuid().ToString("N")[..8];
        Dictionary<string, string> Vif(string form) => new()
        {
            ["FormVersion"] = FormVersionPattern().Match(form).Groups[1].Value,
            ["Number"] = number, ["Date"] = Today, ["Kind"] = "Purchase", ["SourceDocument"] = "ABC2026000000001",
            ["Items[0].Code"] = "150.01", ["Items[0].Name"] = "A4 kâğıt", ["Items[0].Unit"] = "Paket", ["Items[0].Quantity"] = "10", ["Items[0].UnitPrice"] = "98.33", ["Items[0].VatRate"] = "20",
        };

        var stale = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Vif", Vif(staleForm));

        stale.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("Bu ÖEB siz çalışırken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"StructuredDocuments\" WHERE \"Number\" = '{number}'")).ShouldBe(0);
        (await AttachmentCountAsync(id)).ShouldBe(1);
        (await AuditCountAsync("AssetVoucherLinked", id)).ShouldBe(0);

        var fresh = await MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}/Vif", Vif(await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}/Vif")));

        fresh.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AttachmentCountAsync(id)).ShouldBe(2);
        (await AuditCountAsync("AssetVoucherLinked", id)).ShouldBe(1);
    }

    private static Dictionary<string, string> WithVersion(Dictionary<string, string> fields, string version) => new(fields) { ["formVersion"] = version };

    private static async Task<string> DetailsVersionAsync(HttpClient client, Guid id) =>
        SubmitVersionPattern().Match(await client.GetStringAsync($"/Units/{Su1}/PaymentOrders/{id}")).Groups[1].Value;

    private static Task<HttpResponseMessage> PostRemoveAsync(HttpClient client, Guid id, Guid attachmentId, string version) =>
        MysAppFactory.PostFormAsync(client, $"/Units/{Su1}/PaymentOrders/{id}?handler=Remove",
            new Dictionary<string, string> { ["attachmentId"] = attachmentId.ToString(), ["formVersion"] = version, ["confirm"] = "true" });

    private Task<long> AuditCountAsync(string action, Guid id) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = '{action}' AND \"EntityId\" = '{id}'");
}
