using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using static Mys.Signing.Web.Tests.Hardening.HostileClient;

namespace Mys.Signing.Web.Tests.Hardening;

/// <summary>The app on real Kestrel (not the test server): each gets its own database and a 1 MB attachment limit.</summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    public MysAppFactory App { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateSeededAsync();
        App = new MysAppFactory(Database, new Dictionary<string, string> { ["Mys:Attachments:MaxFileBytes"] = "1048576" });
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Chunked uploads (no Content-Length) past the limit, over a real socket to real Kestrel: the scripted (streamed)
/// attachment upload, the e-Fatura upload and the public verification page each answer 413 with the Turkish page — read
/// by the client, not a reset connection — store nothing, and the app stays healthy.
/// </summary>
public sealed class KestrelUploadLimitTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Theory]
    [InlineData("SOZLESME")]
    [InlineData("EFATURA")]
    public async Task A_chunked_attachment_upload_past_the_limit_gets_413_with_the_turkish_page_over_a_real_socket(string documentType)
    {
        using var client = await LoginAsync();
        var id = await CreateOrderAsync(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        var blobs = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"");
        // A part that never ends inside the limit (an e-Fatura's file part would be refused as "not an invoice" first).
        var head = $"--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n{documentType}\r\n" +
                   "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n<a>";
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(id))
        {
            Content = Multipart(new ChunkedContent(8L * 1024 * 1024, Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes("</a>\r\n--b--\r\n"))),
        };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 1 MB yüklenebilir.");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'")).ShouldBe(0);
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"AttachmentBlobs\"")).ShouldBe(blobs);
        await ShouldBeHealthyAsync();
    }

    [Fact]
    public async Task An_upload_announcing_more_than_the_limit_and_sending_it_gets_413_with_the_turkish_page_over_a_real_socket()
    {
        using var client = await LoginAsync();
        var id = await CreateOrderAsync(client);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Profile");
        var body = new byte[8 * 1024 * 1024];
        Array.Fill(body, (byte)'x');
        var head = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nSOZLESME\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n");
        head.CopyTo(body, 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadUrl(id)) { Content = Multipart(new ByteArrayContent(body)) };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 1 MB yüklenebilir.");
        (await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = '{id}'")).ShouldBe(0);
        await ShouldBeHealthyAsync();
    }

    [Fact]
    public async Task A_chunked_upload_to_the_public_verification_page_past_the_limit_gets_413_over_a_real_socket()
    {
        using var client = NewClient();
        var head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"buyuk.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n";

        using var response = await client.PostAsync("/dogrula", Multipart(new ChunkedContent(52L * 1024 * 1024, Encoding.ASCII.GetBytes(head), Encoding.ASCII.GetBytes("\n%%EOF\r\n--b--\r\n"))));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await TextAsync(response)).ShouldContain("Dosya çok büyük; en çok 50 MB yüklenebilir.");
        await ShouldBeHealthyAsync();
    }

    private async Task ShouldBeHealthyAsync()
    {
        using var client = NewClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private HttpClient NewClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.BaseAddress };

    private async Task<HttpClient> LoginAsync()
    {
        var client = NewClient();
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Tckn"] = Tckn(Role.DataEntryOfficer), ["Password"] = MysAppFactory.DemoPassword, ["__RequestVerificationToken"] = token,
        });
        (await client.PostAsync("/Account/Login", form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static HttpContent Multipart(HttpContent body)
    {
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return body;
    }
}
