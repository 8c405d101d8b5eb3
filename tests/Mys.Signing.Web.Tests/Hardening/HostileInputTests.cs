using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Tests.TestSuite;
using static Mys.Signing.Web.Tests.Hardening.HostileClient;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>
/// The inputs that gave HTTP 500 or were stored unchecked (issue 18), through real HTTP on the real app and database:
/// each gets a 4xx with a Turkish message and nothing is saved.
/// </summary>
[Collection(SharedEntryAppCollection.Name)]
public sealed class HostileInputTests(WebAppFixture fixture)
{
    private const long OverFiftyOneMegabytes = 52L * 1024 * 1024;

    [Theory]
    [InlineData("Form.Description", 2001, "Açıklama en fazla 2000 karakter olabilir")]
    [InlineData("Form.PayeeTaxOffice", 101, "Vergi dairesi en fazla 100 karakter olabilir")]
    [InlineData("Form.PayeeBank", 101, "Banka adı en fazla 100 karakter olabilir")]
    public async Task An_order_field_longer_than_its_column_is_refused_with_422_and_nothing_is_saved(string field, int length, string message)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var number = NextNumber();
        var fields = OrderFields(number);
        fields[field] = new string('ç', length);

        var response = await PostOrderAsync(client, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, (await TextAsync(response))[..Math.Min(3000, (await TextAsync(response)).Length)]);
        (await TextAsync(response)).ShouldContain(message);
        (await OrdersNumberedAsync(number)).ShouldBe(0);
    }

    [Theory]
    [InlineData("Form.Gross", "1234567890123456789012345678", "Tutar çok büyük")]
    [InlineData("Form.StampDuty", "5000.00", "ödenecek tutar sıfırdan büyük olmalıdır")]
    [InlineData("Form.DocumentDate", "0001-01-01", "Belge tarihi 01.01.2000 ile 31.12.2100 arasında olmalıdır.")]
    [InlineData("Form.PayeeName", "Başkent \u202EElektrik", "yazı yönünü değiştiren")]
    [InlineData("Form.PayeeName", "Başkent\u0007Elektrik", "kontrol karakteri")]
    public async Task An_order_with_an_amount_date_or_name_that_cannot_be_right_is_refused_at_entry(string field, string value, string message)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var number = NextNumber();
        var fields = OrderFields(number);
        fields[field] = value;

        var response = await PostOrderAsync(client, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, (await TextAsync(response))[..Math.Min(3000, (await TextAsync(response)).Length)]);
        (await TextAsync(response)).ShouldContain(message);
        (await OrdersNumberedAsync(number)).ShouldBe(0);
    }

    [Fact]
    public async Task A_NUL_in_a_form_field_is_refused_with_422_and_the_turkish_message_and_nothing_is_saved()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var number = NextNumber();
        var fields = OrderFields(number);
        fields["Form.PayeeName"] = "Başkent\0Elektrik";

        var response = await PostOrderAsync(client, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain(Mys.Signing.Web.Infrastructure.Http.FormControlCharacters.Message);
        (await OrdersNumberedAsync(number)).ShouldBe(0);
    }

    [Fact]
    public async Task Editing_an_order_to_deductions_over_the_gross_amount_is_refused_and_the_stored_order_is_unchanged()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var page = await client.GetStringAsync($"/Units/{Unit}/PaymentOrders/Edit/{id}");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"FormVersion\" value=\"([0-9]+)\"").Groups[1].Value;
        var number = await fixture.Database.ScalarAsync<string>($"SELECT \"Number\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'");
        var fields = OrderFields(number!);
        fields["FormVersion"] = version;
        fields["Form.OtherDeductions"] = "2000.00";

        var response = await MysAppFactory.PostFormAsync(client, $"/Units/{Unit}/PaymentOrders/Edit/{id}", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain("Kesintilerin toplamı");
        (await fixture.Database.ScalarAsync<decimal>($"SELECT \"Deduction_Other\" FROM \"PaymentOrders\" WHERE \"Id\" = '{id}'")).ShouldBe(0m);
    }

    [Theory]
    [InlineData("fatura\0.pdf", "Dosya adı geçersiz bir karakter (NUL) içeriyor")]
    [InlineData(null, "Dosya adı en fazla 255 karakter olabilir")]
    public async Task A_file_name_with_NUL_or_over_255_characters_is_refused_and_nothing_is_stored(string? name, string message)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var blobs = await BlobCountAsync();

        var response = await UploadAsync(client, id, name ?? new string('a', 300) + ".pdf", Pdf(), ScanFields());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain(message);
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await BlobCountAsync()).ShouldBe(blobs);
    }

    [Theory]
    [InlineData(51, false, "Fatura numarası en fazla 50 karakter olabilir")]
    [InlineData(0, true, "kontrol karakteri")]
    [InlineData(-21, false, "Faturayı düzenleyenin VKN/TCKN'si en fazla 20 karakter olabilir")]
    public async Task Invoice_fields_over_their_columns_or_with_a_NUL_are_refused(int numberLength, bool nul, string message)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var number = numberLength > 0 ? new string('F', numberLength) : nul ? "ABC\u0000123" : "ABC2026000000001";
        var supplier = numberLength < 0 ? new string('1', -numberLength) : Vkn;

        var response = await UploadAsync(client, id, "fatura.pdf", Pdf(), InvoiceFields(number, supplier));

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await TextAsync(response)).ShouldContain(message);
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    [Theory]
    [InlineData("SOZLESME")]
    [InlineData("EFATURA")]
    public async Task An_upload_announcing_over_51_MB_gets_413_with_a_Turkish_page_before_the_body_is_read(string documentType)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n{documentType}\r\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        content.Headers.ContentLength = OverFiftyOneMegabytes;
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(id)) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 50 MB yüklenebilir.");
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_chunked_scripted_upload_past_the_limit_is_cut_off_with_413_while_streaming()
    {
        await using var small = fixture.App.WithWebHostBuilder(b => b.UseSetting("Mys:Attachments:MaxFileBytes", "1048576"));
        var client = await LoginAsync(small);
        var id = await CreateOrderAsync(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        var blobs = await BlobCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(id))
        {
            // The file part never ends inside the limit: the body is cut off, not the stored file.
            Content = Multipart(new ChunkedContent(3L * 1024 * 1024, Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nSOZLESME\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n"), Encoding.ASCII.GetBytes("\r\n--b--\r\n"))),
        };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 1 MB yüklenebilir.");
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await BlobCountAsync()).ShouldBe(blobs);
    }

    [Fact]
    public async Task A_chunked_no_script_upload_past_the_form_limit_gets_413_not_an_error_page()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        var head = $"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nSOZLESME\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"buyuk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(id))
        {
            Content = Multipart(new ChunkedContent(31_000_000, Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes("\n%%EOF\r\n--b--\r\n"))),
        };

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük");
        (await AttachmentCountAsync(id)).ShouldBe(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_oversized_upload_to_the_public_verification_page_gets_413_whether_announced_or_chunked(bool announced)
    {
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"buyuk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n";
        HttpContent body = announced
            ? new ByteArrayContent(Encoding.ASCII.GetBytes(head)) { Headers = { ContentLength = OverFiftyOneMegabytes } }
            : new ChunkedContent(OverFiftyOneMegabytes, Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes("\n%%EOF\r\n--b--\r\n"));

        var response = await client.PostAsync("/dogrula", Multipart(body));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 50 MB yüklenebilir.");
    }

    [Theory]
    [InlineData("/Audit?From=0001-01-01&To=9999-12-31", "Başlangıç tarihi 01.01.2000 ile 31.12.2100 arasında olmalıdır.")]
    [InlineData("/Audit?p=2147483647", "Sayfa numarası 1 ile 100.000 arasında olmalıdır.")]
    public async Task Audit_filters_out_of_bounds_get_400_with_the_reason(string url, string message)
    {
        var admin = await fixture.App.LoginAsync(Tckn(Role.SystemAdministrator));

        var response = await admin.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(response)).ShouldContain(message);
    }

    [Theory]
    [InlineData("baslangic=0001-01-01", "Başlangıç tarihi")]
    [InlineData("bitis=9999-12-31", "Bitiş tarihi")]
    [InlineData("sayfa=2147483647", "Sayfa numarası")]
    public async Task Inbox_and_list_filters_out_of_bounds_get_400_with_the_reason(string query, string message)
    {
        var accounting = await fixture.App.LoginAsync(Tckn(Role.AccountingOfficer));
        var dataEntry = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));

        var inbox = await accounting.GetAsync($"/Units/{DemoData.AccountingUnitId}/Inbox?{query}");
        var list = await dataEntry.GetAsync($"/Units/{Unit}/PaymentOrders?{query.Replace("sayfa", "p", StringComparison.Ordinal)}");

        inbox.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TextAsync(inbox)).ShouldContain(message);
        ((int)list.StatusCode).ShouldBeInRange(200, 499);
    }

    [Theory]
    [InlineData("/api/signing/codes")]
    [InlineData("/api/agent/v1/code/job")]
    [InlineData("/api/agent/v1/code/complete")]
    public async Task Malformed_JSON_on_the_code_signing_API_gets_a_400_problem(string url)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.RealizationOfficer));
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"purpose\": [1, 2", Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("İstek gövdesi beklenen biçimde bir JSON değil.");
    }

    [Theory]
    [InlineData("bomb.xml", "application/xml", "XML dosyası belge türü tanımı (DTD)")]
    [InlineData("bomb.png", "image/png", "Görüntü çok büyük (100000 × 100000 piksel)")]
    [InlineData("polyglot.pdf", "application/pdf", "PDF dosyasının içinde ikinci bir dosya")]
    public async Task Hostile_attachment_content_is_refused_before_it_is_stored(string name, string mediaType, string message)
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));
        var id = await CreateOrderAsync(client);
        var blobs = await BlobCountAsync();
        byte[] content = name switch
        {
            "bomb.xml" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>"),
            "bomb.png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 6, 0, 0, 0, 0, 0, 0, 0],
            _ => [.. Pdf(), 0x50, 0x4B, 0x03, 0x04, .. new byte[30], 0x50, 0x4B, 0x05, 0x06, .. new byte[18]],
        };

        var response = await UploadAsync(client, id, name, content, new Dictionary<string, string> { ["documentType"] = "SOZLESME", ["source"] = "electronic" }, mediaType);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await TextAsync(response)).ShouldContain(message);
        (await AttachmentCountAsync(id)).ShouldBe(0);
        (await BlobCountAsync()).ShouldBe(blobs);
    }

    [Fact]
    public async Task Pages_and_downloads_with_personal_data_are_not_stored_by_caches_while_static_assets_are()
    {
        var client = await fixture.App.LoginAsync(Tckn(Role.DataEntryOfficer));

        var page = await client.GetAsync($"/Units/{Unit}/PaymentOrders");
        var login = await fixture.App.CreateClient().GetAsync("/Account/Login");
        var css = await client.GetAsync("/css/site.css");

        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        login.Headers.CacheControl!.NoStore.ShouldBeTrue();
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        (css.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
    }

    private static HttpContent Multipart(HttpContent body)
    {
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return body;
    }

    private static async Task<HttpClient> LoginAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = Tckn(Role.DataEntryOfficer), ["Password"] = MysAppFactory.DemoPassword, ["__RequestVerificationToken"] = token,
        });
        (await client.PostAsync("/Account/Login", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private Task<long> OrdersNumberedAsync(string number) => fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrders\" WHERE \"Number\" = '{number}'");

    private Task<long> AttachmentCountAsync(Guid id) => fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'");

    private Task<long> BlobCountAsync() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");
}
