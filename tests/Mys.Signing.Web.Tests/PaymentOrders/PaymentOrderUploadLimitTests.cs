using System.Net;
using Microsoft.AspNetCore.Hosting;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.PaymentOrders;

/// <summary>Per-ÖEB total size of the attachments, and the cap of the upload posted without JavaScript.</summary>
public sealed partial class PaymentOrderPagesTests
{
    [Fact]
    public async Task An_upload_that_would_exceed_the_orders_total_is_refused_while_one_that_fits_is_stored()
    {
        await using var small = fixture.App.WithWebHostBuilder(b => b.UseSetting("Mys:Attachments:MaxTotalBytesPerOrder", "4096"));
        var client = await LoginAsync(small, DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");

        (await UploadAsync(client, id, "a.pdf", "application/pdf", Pdf(new string('a', 2500)), SignedScanFields())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await fixture.Database.ScalarAsync<long>($"SELECT sum(\"SizeBytes\")::bigint FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");

        var over = await UploadAsync(client, id, "b.pdf", "application/pdf", Pdf(new string('b', 2500)), SignedScanFields());
        var html = WebUtility.HtmlDecode(await over.Content.ReadAsStringAsync());
        html.ShouldContain("Bu ÖEB'nin eklerinin toplam boyutu en çok 4 KB olabilir");
        html.ShouldContain("yer kaldı");
        (await AttachmentCountAsync(id)).ShouldBe(1);
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs + 1, "the refused file is not stored");

        var fits = Pdf(new string('c', (int)(4096 - stored) - 200));
        (await UploadAsync(client, id, "c.pdf", "application/pdf", fits, SignedScanFields())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AttachmentCountAsync(id)).ShouldBe(2);
    }

    [Fact]
    public async Task A_no_script_upload_over_the_form_limit_gets_a_clear_Turkish_message_and_stores_nothing()
    {
        var client = await fixture.App.LoginAsync(DataEntryTckn);
        var id = await CreateAsync(client, NextNumber());
        var fields = SignedScanFields();
        fields["__RequestVerificationToken"] = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");

        var response = await UploadAsync(client, id, "buyuk.pdf", "application/pdf", Pdf(new string('x', 31_000_000)), fields, withHeader: false);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var details = await TextAsync(client, response.Headers.Location!.OriginalString);
        details.ShouldContain("JavaScript kapalıyken en çok 28,6 MB yüklenebilir.");
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }
}
